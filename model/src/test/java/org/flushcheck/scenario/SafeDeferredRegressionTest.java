package org.flushcheck.scenario;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Stream;
import org.flushcheck.detect.Verdict;
import org.flushcheck.vm.AddressSpaceOperations;
import org.flushcheck.vm.KernelProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15, "make safe-deferred safe": each defect measured on main, as the committed
 * reproducer in {@code scenarios/} run under safe-deferred on every kernel, or, where the
 * reproducer is a race, as its cause pinned without one (c01/r03's cause is pinned in
 * {@code DurabilityTest.truncateBelowUnwrittenBytes_dropsTheirPages}). Each failed before
 * its fix.
 */
class SafeDeferredRegressionTest {

    @TempDir
    Path dir;

    private final ScenarioRunner runner = new ScenarioRunner(Duration.ZERO); // real threads: no watchdog, no verdict by the host's clock

    static Stream<String> kernels() {
        return Stream.of(KernelProfile.values()).map(KernelProfile::label);
    }

    private Outcome run(String file, String kernel) {
        Scenario s = ScenarioParser.read(Path.of("..", "scenarios", file));
        return runner.run(s.on("safe-deferred", kernel), dir);
    }

    /**
     * Issue 15: "Data loss with one thread, every time": write at 21899, truncate to 0,
     * write at 28251; the truncated bytes came back inside the hole at byte 21899.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void r01_truncateBeforeWriteback_clean(String kernel) {
        Outcome o = run("r01-truncate-before-writeback.yaml", kernel);
        assertEquals(Verdict.CLEAN, o.verdict(), () -> o.findings().get(0).report());
    }

    /**
     * Issue 15: "Deadlock on one large write": writepage queued BOP_STORE under avc->lock
     * and slept on afs_brsWaiters while BStore waited for that lock. The declared order
     * now forbids the queue under avc->lock, so every run, not only a deadlocking
     * schedule, reports the dependency if it comes back.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void r02_largeWriteFsync_noBackgroundQueueUnderAvcLock(String kernel) {
        Outcome o = run("r02-large-write-fsync.yaml", kernel);
        assertEquals(Verdict.CLEAN, o.verdict(), () -> o.findings().get(0).report());
    }

    /**
     * Issue 15: "One run crashed the oracle itself: ArrayIndexOutOfBoundsException in
     * SequentialFile.store, an mmap store after a racing truncate". Replayed after the
     * truncate, the store keeps only its bytes below EOF and never grows the file.
     */
    @Test
    void sequentialFile_storePastEofAfterTruncate_keepsBytesBelowEof() {
        SequentialFile f = new SequentialFile();
        byte[] data = new byte[8192];
        Arrays.fill(data, (byte) 7);
        f.write(0, new byte[8192]);
        f.truncate(100);
        f.store(0, data);
        assertArrayEquals(Arrays.copyOf(data, 100), f.contents());
        f.store(4096, data);
        assertEquals(100, f.contents().length, "a store wholly past EOF changes nothing");
    }

    /** The racing form of the oracle crash ends in a verdict, on every kernel. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void r04_mmapStoreRacingTruncate_clean(String kernel) {
        Outcome o = run("r04-mmap-store-racing-truncate.yaml", kernel);
        assertEquals(Verdict.CLEAN, o.verdict(), () -> o.findings().get(0).report());
    }

    /**
     * Finding 053 (f01-writepage-eio, safe-deferred): "an fsync that returns 0 after a
     * failed writeback". fsync must return the error, as filemap_fdatawait reports AS_EIO.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void r05_writepageEio_fsyncReportsIt(String kernel) {
        Outcome o = run("r05-writepage-eio-fsync.yaml", kernel);
        assertEquals(Verdict.CLEAN, o.verdict(), () -> o.findings().get(0).report());
        String fsync = o.trace().events().stream()
                .filter(e -> !e.begin() && e.op().kind() == Op.Kind.FSYNC).findFirst().orElseThrow().result();
        assertEquals("returns " + AddressSpaceOperations.EIO, fsync);
        assertTrue(o.notes().stream().anyMatch(n -> n.contains("an fsync or close returned an error")),
                () -> "notes: " + o.notes());
    }
}
