package org.flushcheck.design;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flushcheck.afs.AfsConfig;
import org.flushcheck.afs.VCache;
import org.flushcheck.detect.Finding;
import org.flushcheck.detect.Verdict;
import org.flushcheck.sync.DeadlockException;
import org.flushcheck.sync.Hang;
import org.flushcheck.sync.LockingViolation;
import org.flushcheck.sync.TaskHandle;
import org.flushcheck.testing.ModelRun;
import org.flushcheck.testing.Quiescence;
import org.flushcheck.vm.KernelProfile;
import org.flushcheck.vm.Truncate;
import org.flushcheck.vm.Vm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The known hazards of openafs-model.md §4, each reached through the detectors (never a
 * hung test), each expecting what the brief reports, and safe-deferred against each.
 */
@ExtendWith(Quiescence.class)
class HazardTest {

    @TempDir
    Path dir;

    private int caches;

    private Rig rig(Quiescence.Runs runs, LockDesign design, KernelProfile kernel, AfsConfig afs)
            throws Exception {
        return new Rig(runs, design, kernel, afs, Files.createDirectories(dir.resolve("c" + caches++)),
                ModelRun.detectors().build());
    }

    /**
     * B1 (RT 120491, 4a587356a): writeback of an mmapped file whose dirty chunks exceed
     * cacheMaxDirtyChunks: writepage -> DoPartialWrite -> StoreAllSegments ->
     * osi_VM_StoreAllSegments -> filemap_fdatawrite -> lock_page of the page the flusher
     * is writing, still tagged DIRTY because 1.4 never sets PG_writeback. Without
     * CPageWrite: a DEADLOCK on the flusher's own page lock; with it: clean.
     */
    @Test
    void b1_mmapWritebackRecursion_withoutCPageWrite_deadlock(Quiescence.Runs runs) throws Exception {
        Rig rig = rig(runs, new WriteThrough14(false), KernelProfile.K2_6_32,
                AfsConfig.of(1, 16).withMaxDirtyChunks(1));
        mmapTwoChunksAndWriteback(rig);
        rig.stop();

        Finding f = rig.run.take(Verdict.DEADLOCK).get(0);
        assertTrue(f.title().startsWith("DEADLOCK: flush-afs/"), f.title());
        assertTrue(f.report().contains("lock(PG_locked) on page 1 of afs inode 1"), f.report());
        rig.run.take(Verdict.INVERSION);
    }

    /** B1 with CPageWrite (as shipped): osi_VM_StoreAllSegments skips the VM flush; clean. */
    @Test
    void b1_mmapWritebackRecursion_withCPageWrite_clean(Quiescence.Runs runs) throws Exception {
        Rig rig = rig(runs, new WriteThrough14(), KernelProfile.K2_6_32,
                AfsConfig.of(1, 16).withMaxDirtyChunks(1));
        mmapTwoChunksAndWriteback(rig);
        rig.stop();
        assertEquals(Verdict.CLEAN, rig.run.detectors.verdict());
    }

    /** B1's workload under the safe design: no recursion is possible; clean. */
    @Test
    void b1_mmapWritebackRecursion_safeDeferred_clean(Quiescence.Runs runs) throws Exception {
        Rig rig = rig(runs, new SafeDeferred(), KernelProfile.K2_6_32,
                AfsConfig.of(1, 16).withMaxDirtyChunks(1));
        mmapTwoChunksAndWriteback(rig);
        rig.stop();
        assertEquals(Verdict.CLEAN, rig.run.detectors.verdict());
    }

    private static void mmapTwoChunksAndWriteback(Rig rig) {
        rig.task("writer", () -> {
            VCache f = rig.client.open(1);
            rig.client.write(f, 0, Rig.bytes(2 * Rig.PAGE, 1));
            rig.client.fsync(f);
            rig.client.mmapStore(f, 0, Rig.bytes(2 * Rig.PAGE, 2));
        });
        rig.task("sync", rig.client::writeback);
    }

    /**
     * B2 (6f2ce4cdc; never fixed on 1.4, C20): vmtruncate has set i_size but not yet
     * dropped the pages when the flusher writes a dirty page now past EOF; 1.4's
     * writepage returns -EIO with PG_locked still set. truncate_inode_pages then waits on
     * that page forever: a STALL. The test drives vmtruncate's two steps itself, with the
     * flusher's pass between them.
     */
    @Test
    void b2_writepagePastEof_1_4_leaksPageLock_stall(Quiescence.Runs runs) throws Exception {
        Rig rig = rig(runs, new WriteThrough14(), KernelProfile.K2_6_32, AfsConfig.of(2, 16));
        TaskHandle truncate = b2(rig);
        rig.stop();

        assertEquals(Hang.Kind.STALL,
                assertInstanceOf(DeadlockException.class, truncate.failure()).hang().kind());
        Finding f = rig.run.take(Verdict.STALL).get(0);
        assertTrue(f.report().contains("wait(PG_locked)") || f.report().contains("lock(PG_locked)"),
                f.report());
    }

    /** B2's sequence under 1.6 (5e99d56cf) and the safe design: the page is unlocked; clean. */
    @Test
    void b2_writepagePastEof_1_6AndSafe_clean(Quiescence.Runs runs) throws Exception {
        for (LockDesign d : List.of(new PageWriteback16(), new SafeDeferred())) {
            Rig rig = rig(runs, d, KernelProfile.K2_6_32, AfsConfig.of(2, 16));
            TaskHandle truncate = b2(rig);
            rig.stop();
            assertNull(truncate.failure(), d.name());
            assertEquals(Verdict.CLEAN, rig.run.detectors.verdict(), d.name());
        }
    }

    private static TaskHandle b2(Rig rig) {
        VCache[] f = new VCache[1];
        rig.task("writer", () -> {
            f[0] = rig.client.open(1);
            rig.client.write(f[0], 0, Rig.bytes(2 * Rig.PAGE, 1));
            rig.client.fsync(f[0]);
            rig.client.mmapStore(f[0], Rig.PAGE, Rig.bytes(100, 2));
            f[0].inode().setSize(Rig.PAGE);        // vmtruncate: i_size_write(inode, offset)
        });
        rig.task("sync", rig.client::writeback);   // the flusher writes page 1, now past EOF
        return rig.task("truncate",                // vmtruncate: truncate_inode_pages(mapping, offset)
                () -> Truncate.truncate_inode_pages(f[0].inode().mapping(), Rig.PAGE));
    }

    /**
     * B10 (7d70e9819, 1d9cc8fa6): a writer sleeps for the drain on a cache full of dirty
     * chunks; a truncate then frees the space outside the truncate daemon. Before the fix
     * the daemon only works while CacheTooFull and wakes no one: the writer is never
     * woken, a STALL. With the fix it works while anyone waits and wakes them.
     */
    @Test
    void b10_drainWaitersNeverWoken_preFix_stall(Quiescence.Runs runs) throws Exception {
        Rig rig = rig(runs, new PageWriteback16(), KernelProfile.K2_6_32,
                AfsConfig.of(1, 2).withMaxDirtyChunks(2).withTruncateDaemonFix(false));
        TaskHandle writer = b10(rig);
        rig.stop();

        assertEquals(Hang.Kind.STALL,
                assertInstanceOf(DeadlockException.class, writer.failure()).hang().kind());
        assertTrue(rig.run.take(Verdict.STALL).get(0).report().contains("sleep(afs_WaitForCacheDrain)"));
    }

    /** B10's sequence with the fix, under 1.6 and the safe design: the writer is woken. */
    @Test
    void b10_drainWaiters_fixed_woken(Quiescence.Runs runs) throws Exception {
        for (LockDesign d : List.of(new PageWriteback16(), new SafeDeferred())) {
            Rig rig = rig(runs, d, KernelProfile.K2_6_32, AfsConfig.of(1, 2).withMaxDirtyChunks(2));
            TaskHandle writer = b10(rig);
            rig.stop();
            assertNull(writer.failure(), d.name());
            assertEquals(Verdict.CLEAN, rig.run.detectors.verdict(), d.name());
        }
    }

    private static TaskHandle b10(Rig rig) {
        VCache[] a = new VCache[1];
        rig.task("writer", () -> {
            a[0] = rig.client.open(1);
            rig.client.write(a[0], 0, Rig.bytes(2 * Rig.PAGE, 1));  // the cache is full of dirty chunks
            rig.client.writeback();
        });
        // the truncater is alive (waiting outside the model) while the writer sleeps
        TaskHandle truncate = rig.run.spawn("truncate", () -> {
            await().atMost(ModelRun.BOUND).until(() -> rig.client.cm().drainWaits() > 0);
            rig.client.truncate(a[0], 0);
        });
        TaskHandle writer = rig.run.spawn("writer", () -> {
            VCache b = rig.client.open(2);
            rig.client.write(b, 0, Rig.bytes(Rig.PAGE, 2));
            rig.client.fsync(b);
        });
        await().atMost(ModelRun.BOUND).until(() -> writer.isDone() && truncate.isDone());
        assertNull(truncate.failure());
        return writer;
    }

    /**
     * B11 (28eefd761, fsx "hangs after running on AFS for a while"): a file truncated to 0
     * keeps dirty zero-length chunks; StoreAllSegments before the fix S-locks them and
     * never releases them. The storing task leaves with tdc->lock held (the model's strict
     * rule reports that as a BUG) and the next writer of that chunk waits forever: STALL.
     */
    @Test
    void b11_zeroLengthChunkLeftSLocked_preFix_stall(Quiescence.Runs runs) throws Exception {
        Rig rig = rig(runs, new PageWriteback16(), KernelProfile.K2_6_32,
                AfsConfig.of(1, 8).withStoreReleasesLeftovers(false));
        TaskHandle writer = b11(rig);
        rig.stop();

        assertEquals(Hang.Kind.STALL,
                assertInstanceOf(DeadlockException.class, writer.failure()).hang().kind());
        rig.run.take(Verdict.STALL);
        assertTrue(rig.run.take(Verdict.BUG).get(0).title().contains("tdc->lock"));
        // lockdep sees the leaked S lock nested under the next chunk's and under avc->lock
        assertEquals(2, rig.run.take(Verdict.INVERSION).size());
    }

    /** B11's sequence with the fix, under 1.6 and the safe design: clean. */
    @Test
    void b11_zeroLengthChunks_fixed_clean(Quiescence.Runs runs) throws Exception {
        for (LockDesign d : List.of(new PageWriteback16(), new SafeDeferred())) {
            Rig rig = rig(runs, d, KernelProfile.K2_6_32, AfsConfig.of(1, 8));
            TaskHandle writer = b11(rig);
            rig.stop();
            assertNull(writer.failure(), d.name());
            assertEquals(Verdict.CLEAN, rig.run.detectors.verdict(), d.name());
        }
    }

    private static TaskHandle b11(Rig rig) {
        VCache[] f = new VCache[1];
        rig.task("writer", () -> {
            f[0] = rig.client.open(1);
            rig.client.write(f[0], 0, Rig.bytes(2 * Rig.PAGE, 1));
            rig.client.writeback();
            rig.client.truncate(f[0], 0);
        });
        TaskHandle fsync = rig.task("fsync", () -> rig.client.fsync(f[0]));
        if (fsync.failure() != null) {
            assertInstanceOf(LockingViolation.class, fsync.failure());
        }
        return rig.task("writer", () -> {
            rig.client.write(f[0], 0, Rig.bytes(100, 3));
            rig.client.writeback();
            rig.client.fsync(f[0]);
        });
    }

    /**
     * H1, stacked-bdi throttling (a hypothesis of the brief): CONFIRMED in the model on
     * 2.6.18 with the cache on tmpfs, for naive-deferred and, as C21 suspected, for
     * write-through-1.4 too. Mmap stores (not throttled on 2.6.18) leave the global dirty
     * count well over the limit; a writer over it writes back AFS pages in its own context
     * (naive-deferred) or runs its own write-through (1.4), and either way the chunk file's
     * ->write throttles in balance_dirty_pages with avc->lock W and tdc->lock W held, on
     * the same global count that only AFS writeback can lower. The cache bdi cannot supply
     * write_chunk pages (tmpfs has none to write), so the throttled task waits for progress
     * nobody can make: a STALL (in the kernel, a task polling congestion_wait forever).
     */
    @Test
    void h1_stackedBdiThrottling_2_6_18_tmpfsCache_confirmed(Quiescence.Runs runs) throws Exception {
        for (LockDesign d : List.of(new NaiveDeferred(), new WriteThrough14())) {
            Rig rig = h1(runs, d, KernelProfile.K2_6_18);
            rig.stop();
            Finding f = rig.run.take(Verdict.STALL).get(0);
            assertTrue(f.report().contains("congestion_wqh"), f.report());
            assertTrue(f.report().contains("(avc->lock){W}"), f.report());
        }
    }

    /**
     * H1 refuted where the brief says it should be: 2.6.32's per-bdi limit lets the cache
     * bdi through (the "stacked BDI deadlock" fix, and tmpfs gets bdi_thresh 0); the safe
     * design never throttles in writeback.
     */
    @Test
    void h1_stackedBdiThrottling_otherwise_refuted(Quiescence.Runs runs) throws Exception {
        List<Rig> rigs = List.of(h1(runs, new NaiveDeferred(), KernelProfile.K2_6_32),
                h1(runs, new WriteThrough14(), KernelProfile.K2_6_32),
                h1(runs, new SafeDeferred(), KernelProfile.K2_6_18));
        for (Rig rig : rigs) {
            rig.stop();
            assertEquals(Verdict.CLEAN, rig.run.detectors.verdict(), () -> rig.client.design().name()
                    + " on " + rig.client.vm().kernel() + "\n" + rig.run.detectors.findings().get(0).report());
        }
    }

    private Rig h1(Quiescence.Runs runs, LockDesign design, KernelProfile kernel) throws Exception {
        // 64 pages of memory, write_chunk = 1.5 x 16: scaled like the kernel's 1536-page
        // write_chunk against what one throttled writer dirties in the cache fs meanwhile
        Vm.Config small = new Vm.Config(64, kernel.dirtyRatio(), kernel.backgroundRatio(), 16);
        Rig rig = new Rig(runs, design, kernel, small, AfsConfig.of(4, 32).withCacheOnTmpfs(true),
                Files.createDirectories(dir.resolve("c" + caches++)),
                ModelRun.detectors().build());
        rig.task("writer", () -> {
            VCache f = rig.client.open(1);
            rig.client.truncate(f, 48 * Rig.PAGE);
            rig.client.mmapStore(f, 0, Rig.bytes(40 * Rig.PAGE, 1)); // 2.6.18: not throttled
            rig.client.write(f, 47 * Rig.PAGE, Rig.bytes(Rig.PAGE, 2));
            rig.client.fsync(f);
        });
        return rig;
    }

    /**
     * The one exception to the central invariant (openafs-model.md §0.4, 73bfe9480):
     * afs_ShakeLooseVCaches -> osi_VM_FlushVCache calls truncate_inode_pages with AFS_GLOCK
     * and afs_xvcache held. Under naive-deferred (the C's FlushVCache and 1.6 writepage) a
     * writepage holds PG_writeback while it sleeps for the cache drain; the flush waits on that writeback holding AFS_GLOCK, which the truncate
     * daemon needs before it can drain anything. The client stops: DEADLOCK when the daemon
     * is already trying for AFS_GLOCK, STALL when it is asleep with nobody left to wake it.
     */
    @Test
    void flushVCacheUnderGlock_writepageInDrainWait_hangs(Quiescence.Runs runs) throws Exception {
        Rig rig = rig(runs, new NaiveDeferred(), KernelProfile.K2_6_32,
                AfsConfig.of(1, 2).withMaxDirtyChunks(2));
        TaskHandle shake = flushVCache(rig, false);
        rig.stop();

        Hang.Kind kind = assertInstanceOf(DeadlockException.class, shake.failure()).hang().kind();
        assertTrue(kind == Hang.Kind.DEADLOCK || kind == Hang.Kind.STALL, kind.toString());
        rig.run.take(Verdict.DEADLOCK);
        rig.run.take(Verdict.STALL);
        rig.run.take(Verdict.INVERSION);
    }

    /**
     * The same under safe-deferred: the flusher's writepage does not sleep for the drain
     * (it queues the chunk stores and redirties), FlushVCache gives up on the busy vcache,
     * and the fsync that follows drains everything; clean.
     */
    @Test
    void flushVCacheUnderGlock_safeDeferred_clean(Quiescence.Runs runs) throws Exception {
        Rig rig = rig(runs, new SafeDeferred(), KernelProfile.K2_6_32,
                AfsConfig.of(1, 2).withMaxDirtyChunks(2));
        TaskHandle shake = flushVCache(rig, true);
        rig.stop();
        assertNull(shake.failure());
        assertEquals(Verdict.CLEAN, rig.run.detectors.verdict());
    }

    /**
     * File A fills the cache with dirty chunks; B's dirty page is written back and its
     * writepage sleeps for the drain; then ShakeLooseVCaches runs. With {@code storeAfter}
     * a last task stores A once the shake is over, which is what lets the drain happen.
     * Every task is started before the sleep, so nobody is stuck for want of a task the
     * test has not started yet.
     */
    private static TaskHandle flushVCache(Rig rig, boolean storeAfter) {
        VCache[] a = new VCache[1];
        rig.task("writer", () -> {
            a[0] = rig.client.open(1);
            rig.client.write(a[0], 0, Rig.bytes(2 * Rig.PAGE, 1));
            rig.client.writeback();                               // the cache is full of dirty chunks
            VCache b = rig.client.open(2);
            rig.client.write(b, 0, Rig.bytes(Rig.PAGE, 2));      // deferred: only a dirty page
        });
        TaskHandle[] sync = new TaskHandle[1];
        TaskHandle shake = rig.run.spawn("afs_daemon", () -> {
            // C: while writepage(b) sleeps for the drain; safe: its flusher never sleeps there
            await().atMost(ModelRun.BOUND).until(() -> rig.client.cm().drainWaits() > 0
                    || (sync[0] != null && sync[0].isDone()));
            rig.client.shakeLooseVCaches();
        });
        if (storeAfter) {
            rig.run.spawn("fsync", () -> {
                await().atMost(ModelRun.BOUND).until(shake::isDone);
                rig.client.fsync(a[0]);
            });
        }
        sync[0] = rig.run.spawn("sync", rig.client::writeback);
        rig.run.joinAll();
        return shake;
    }
}
