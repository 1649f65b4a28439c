package org.flushcheck.design;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.stream.Stream;
import org.flushcheck.afs.AfsConfig;
import org.flushcheck.afs.Fileserver;
import org.flushcheck.afs.VCache;
import org.flushcheck.detect.Verdict;
import org.flushcheck.sync.DeadlockException;
import org.flushcheck.sync.Hang;
import org.flushcheck.sync.TaskHandle;
import org.flushcheck.testing.ModelRun;
import org.flushcheck.testing.Quiescence;
import org.flushcheck.vm.KernelProfile;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Per design: the fileserver (the durability oracle) holds exactly what a sequential
 * file would after fsync or close, whatever path the bytes took (write(), a shared
 * mapping, truncate racing writeback), and a writer that finds the cache full waits for
 * the truncate daemon and is woken by it.
 */
@ExtendWith(Quiescence.class)
class DurabilityTest {

    static Stream<Arguments> designs() {
        return Stream.of("write-through-1.4", "page-writeback-1.6", "naive-deferred", "safe-deferred")
                .flatMap(d -> Stream.of(KernelProfile.values()).map(k -> Arguments.of(d, k)));
    }

    private static Rig rig(Quiescence.Runs runs, String design, KernelProfile k, AfsConfig afs, Path dir)
            throws Exception {
        LockDesign d = LockDesign.named(design);
        return new Rig(runs, d, k, afs, Files.createDirectories(dir.resolve("cache")),
                ModelRun.detectors().order(d.lockOrder()).build());
    }

    /** write() then fsync: the fileserver holds exactly the bytes written. */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("designs")
    void writeThenFsync_fileserverHoldsBytes(String design, KernelProfile k, Quiescence.Runs runs,
            @TempDir Path dir) throws Exception {
        Rig rig = rig(runs, design, k, AfsConfig.of(2, 16), dir);
        byte[] spec = new byte[3 * Rig.PAGE + 700];
        rig.task("writer", () -> {
            VCache f = rig.client.open(1);
            write(rig, f, spec, 0, Rig.bytes(2 * Rig.PAGE + 10, 1));
            write(rig, f, spec, 100, Rig.bytes(50, 2));
            write(rig, f, spec, 3 * Rig.PAGE, Rig.bytes(700, 3));
            assertEquals(0, rig.client.fsync(f));
            assertArrayEquals(spec, rig.client.stored(f));
            rig.client.writeback();
        });
        rig.stop();
        assertEquals(Verdict.CLEAN, rig.run.detectors.verdict());
        assertEquals(chunks(spec, 2 * Rig.PAGE), onDisk(dir.resolve("cache")),
                "each chunk reached its cache file on disk");
    }

    private static Set<String> chunks(byte[] data, int chunkBytes) {
        Set<String> out = new HashSet<>();
        for (int at = 0; at < data.length; at += chunkBytes) {
            out.add(Arrays.toString(Arrays.copyOfRange(data, at, Math.min(data.length, at + chunkBytes))));
        }
        return out;
    }

    private static Set<String> onDisk(Path cache) throws IOException {
        Set<String> out = new HashSet<>();
        try (Stream<Path> files = Files.list(cache)) {
            for (Path p : files.toList()) {
                byte[] b = Files.readAllBytes(p);
                if (b.length > 0) {
                    out.add(Arrays.toString(b));
                }
            }
        }
        return out;
    }

    /** Stores through a shared mapping, the flusher's writeback, then fsync: same bytes. */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("designs")
    void mmapStoreThenWriteback_fileserverHoldsBytes(String design, KernelProfile k,
            Quiescence.Runs runs, @TempDir Path dir) throws Exception {
        Rig rig = rig(runs, design, k, AfsConfig.of(2, 16), dir);
        byte[] spec = new byte[4 * Rig.PAGE];
        rig.task("writer", () -> {
            VCache f = rig.client.open(1);
            write(rig, f, spec, 0, Rig.bytes(4 * Rig.PAGE, 1));
            assertEquals(0, rig.client.fsync(f));
            store(rig, f, spec, 10, Rig.bytes(100, 7));
            store(rig, f, spec, 3 * Rig.PAGE + 5, Rig.bytes(200, 8));
            rig.client.writeback();
            assertEquals(0, rig.client.fsync(f));
            assertArrayEquals(spec, rig.client.stored(f));
            assertArrayEquals(spec, rig.client.read(f, 0, spec.length));
        });
        rig.stop();
        assertEquals(Verdict.CLEAN, rig.run.detectors.verdict());
    }

    /**
     * A truncate racing the flusher's writeback of dirty mmap pages past the new end: no
     * stale byte reappears, before or after the file grows again. write-through-1.4 may
     * instead STALL here: its writepage of a page the truncate just put past EOF returns
     * -EIO with the page still locked, and truncate_inode_pages waits on it forever (B2).
     */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("designs")
    void truncateDuringWriteback_noStaleData(String design, KernelProfile k, Quiescence.Runs runs,
            @TempDir Path dir) throws Exception {
        Rig rig = rig(runs, design, k, AfsConfig.of(2, 16), dir);
        VCache[] file = new VCache[1];
        rig.task("writer", () -> {
            file[0] = rig.client.open(1);
            rig.client.write(file[0], 0, Rig.bytes(4 * Rig.PAGE, 1));
            rig.client.fsync(file[0]);
            rig.client.mmapStore(file[0], 0, Rig.bytes(4 * Rig.PAGE, 9));
        });
        VCache f = file[0];
        TaskHandle flusher = rig.run.spawn("sync", rig.client::writeback);
        TaskHandle truncate = rig.run.spawn("truncate", () -> rig.client.truncate(f, Rig.PAGE + 10));
        await().atMost(ModelRun.BOUND).until(() -> flusher.isDone() && truncate.isDone());
        if (truncate.failure() instanceof DeadlockException e) {
            assertEquals("write-through-1.4", design, "only 1.4 leaks the page lock (B2)");
            assertEquals(Hang.Kind.STALL, e.hang().kind());
            rig.run.take(Verdict.STALL);
            rig.stop();
            return;
        }
        byte[] spec = Arrays.copyOf(Rig.bytes(4 * Rig.PAGE, 9), 3 * Rig.PAGE + 50);
        Arrays.fill(spec, Rig.PAGE + 10, 3 * Rig.PAGE, (byte) 0);
        System.arraycopy(Rig.bytes(50, 4), 0, spec, 3 * Rig.PAGE, 50);
        rig.task("writer", () -> {
            assertArrayEquals(Arrays.copyOf(spec, Rig.PAGE + 10), rig.client.read(f, 0, 4 * Rig.PAGE));
            rig.client.write(f, 3 * Rig.PAGE, Rig.bytes(50, 4));
            assertEquals(0, rig.client.fsync(f));
            assertArrayEquals(spec, rig.client.read(f, 0, 4 * Rig.PAGE));
            assertArrayEquals(spec, rig.client.stored(f));
        });
        rig.stop();
        assertEquals(List.of(), rig.run.detectors.findings());
    }

    /**
     * Issue 15: c01-everything-at-once lost "the truncate to 4096 and the 100-byte write
     * after it" while a writeback was in flight (scenarios/r03 holds that window open on
     * real threads). The cause, without the race: after write() the vcache's length did
     * not cover the bytes written, so a truncate below i_size was taken for a grow and
     * never reached truncate_inode_pages. Write two pages, truncate to one: the second page
     * must be gone from the page cache (and so cannot be in flight past the truncate).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void truncateBelowUnwrittenBytes_dropsTheirPages(KernelProfile k, Quiescence.Runs runs,
            @TempDir Path dir) throws Exception {
        Rig rig = rig(runs, "safe-deferred", k, AfsConfig.of(1, 4), dir);
        byte[] data = Rig.bytes(2 * Rig.PAGE, 6);
        rig.task("writer", () -> {
            VCache f = rig.client.open(2);
            rig.client.write(f, 0, data);
            rig.client.truncate(f, Rig.PAGE);
            assertEquals(1, f.inode().mapping().nrpages(), "truncate_inode_pages dropped page 1");
            rig.client.write(f, Rig.PAGE, Rig.bytes(100, 7));
            assertEquals(0, rig.client.fsync(f));
            byte[] spec = Arrays.copyOf(data, Rig.PAGE + 100);
            System.arraycopy(Rig.bytes(100, 7), 0, spec, Rig.PAGE, 100);
            assertArrayEquals(spec, rig.client.stored(f));
        });
        rig.stop();
        assertEquals(Verdict.CLEAN, rig.run.detectors.verdict());
    }

    static Stream<KernelProfile> kernels() {
        return Stream.of(KernelProfile.values());
    }

    /**
     * A full cache of clean chunks: a writer needing a new chunk sleeps on
     * afs_WaitForCacheDrain, the truncate daemon evicts a clean chunk and wakes it, and
     * the evicted file still reads back (fetched again from the fileserver).
     */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("designs")
    void cacheFullWrite_waitsAndIsWokenByTruncateDaemon(String design, KernelProfile k,
            Quiescence.Runs runs, @TempDir Path dir) throws Exception {
        Rig rig = rig(runs, design, k, AfsConfig.of(1, 4), dir);
        byte[] a = Rig.bytes(4 * Rig.PAGE, 1);
        byte[] b = Rig.bytes(Rig.PAGE, 2);
        rig.task("writer", () -> {
            VCache fa = rig.client.open(1);
            rig.client.write(fa, 0, a);
            assertEquals(0, rig.client.fsync(fa));
            VCache fb = rig.client.open(2);
            rig.client.write(fb, 0, b);
            assertEquals(0, rig.client.fsync(fb));
            assertArrayEquals(b, rig.client.stored(fb));
            assertArrayEquals(a, rig.client.stored(fa));
        });
        rig.stop();
        assertTrue(rig.client.cm().drainWaits() >= 1, "the writer slept for the drain");
        assertTrue(rig.client.cm().evictions() >= 1, "the truncate daemon evicted a chunk");
        assertEquals(Verdict.CLEAN, rig.run.detectors.verdict());
    }

    /**
     * An injected StoreData failure reaches fsync as an error and loses nothing: the chunk
     * stays dirty, and the next fsync stores it.
     */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("designs")
    void storeFailure_fsyncReportsIt_nextFsyncStores(String design, KernelProfile k, Quiescence.Runs runs,
            @TempDir Path dir) throws Exception {
        Rig rig = rig(runs, design, k, AfsConfig.of(2, 16), dir);
        byte[] data = Rig.bytes(Rig.PAGE + 10, 5);
        rig.task("writer", () -> {
            VCache f = rig.client.open(1);
            rig.client.write(f, 0, data);
            rig.client.cm().fileserver().failStore(1);
            assertEquals(Fileserver.UAEIO, rig.client.fsync(f));
            assertEquals(0, rig.client.fsync(f));
            assertArrayEquals(data, rig.client.stored(f));
        });
        rig.stop();
        assertEquals(Verdict.CLEAN, rig.run.detectors.verdict());
    }

    /** Negative offsets are refused before anything changes, with the value in the sentence. */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("designs")
    void negativeOffsets_refusedWithValue(String design, KernelProfile k, Quiescence.Runs runs,
            @TempDir Path dir) throws Exception {
        Rig rig = rig(runs, design, k, AfsConfig.of(2, 16), dir);
        rig.task("writer", () -> {
            VCache f = rig.client.open(1);
            assertEquals("write offset -1 is negative", assertThrows(IllegalArgumentException.class,
                    () -> rig.client.write(f, -1, new byte[1])).getMessage());
            assertEquals("truncate to -5 bytes is impossible", assertThrows(IllegalArgumentException.class,
                    () -> rig.client.truncate(f, -5)).getMessage());
            assertEquals(0, rig.client.mmapStore(f, 0, new byte[4]), "a store past EOF is SIGBUS: nothing stored");
            assertEquals(0, rig.client.stored(f).length);
        });
        rig.stop();
        assertEquals(Verdict.CLEAN, rig.run.detectors.verdict());
    }

    private static void write(Rig rig, VCache f, byte[] spec, int pos, byte[] data) {
        assertEquals(data.length, rig.client.write(f, pos, data));
        System.arraycopy(data, 0, spec, pos, data.length);
    }

    private static void store(Rig rig, VCache f, byte[] spec, int pos, byte[] data) {
        rig.client.mmapStore(f, pos, data);
        System.arraycopy(data, 0, spec, pos, data.length);
    }
}
