package org.flushcheck.design;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.flushcheck.afs.AfsConfig;
import org.flushcheck.afs.VCache;
import org.flushcheck.detect.Verdict;
import org.flushcheck.sync.TaskHandle;
import org.flushcheck.testing.ModelRun;
import org.flushcheck.testing.Quiescence;
import org.flushcheck.vm.KernelProfile;
import org.flushcheck.vm.Vm;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * safe-deferred under real concurrency: writers on disjoint ranges, mmap stores, the
 * flusher, fsync, a truncating rewriter, ShakeLooseVCaches and reclaim all at once, on a
 * small memory and a small cache, with every detector and the declared order on. The run
 * must be CLEAN and the fileserver must hold what a sequential file would.
 */
@ExtendWith(Quiescence.class)
class ConcurrencyTest {

    /** Everything at once, three rounds per era: CLEAN, and the bytes are right. */
    @ParameterizedTest
    @EnumSource(KernelProfile.class)
    void safeDeferred_everythingAtOnce_cleanAndDurable(KernelProfile kernel, Quiescence.Runs runs,
            @TempDir Path dir) throws Exception {
        for (int round = 0; round < 3; round++) {
            LockDesign design = new SafeDeferred();
            Rig rig = new Rig(runs, design, kernel, new Vm.Config(48, kernel.dirtyRatio(),
                    kernel.backgroundRatio(), 8), AfsConfig.of(1, 8),
                    Files.createDirectories(dir.resolve("c" + round)),
                    ModelRun.detectors().order(design.lockOrder()).build());
            VCache[] f = new VCache[2];
            rig.task("setup", () -> {
                f[0] = rig.client.open(1);
                f[1] = rig.client.open(2);
                rig.client.write(f[0], 0, new byte[6 * Rig.PAGE]);
                rig.client.fsync(f[0]);
            });
            byte[] a = Rig.bytes(3 * Rig.PAGE, 1);
            byte[] b = Rig.bytes(2 * Rig.PAGE, 2);
            byte[] m = Rig.bytes(Rig.PAGE, 3);
            List<TaskHandle> tasks = List.of(
                    rig.run.spawn("writer", () -> rig.client.write(f[0], 0, a)),
                    rig.run.spawn("writer", () -> rig.client.write(f[0], 4 * Rig.PAGE, b)),
                    rig.run.spawn("mmap", () -> rig.client.mmapStore(f[0], 3 * Rig.PAGE, m)),
                    rig.run.spawn("sync", rig.client::writeback),
                    rig.run.spawn("fsync", () -> rig.client.fsync(f[0])),
                    rig.run.spawn("truncate", () -> {
                        rig.client.write(f[1], 0, Rig.bytes(4 * Rig.PAGE, 4));
                        rig.client.truncate(f[1], Rig.PAGE + 3);
                        rig.client.write(f[1], 2 * Rig.PAGE, Rig.bytes(10, 5));
                    }),
                    rig.run.spawn("afs_daemon", rig.client::shakeLooseVCaches),
                    rig.run.spawn("kswapd_like", rig.client::reclaim));
            await().atMost(ModelRun.BOUND).until(() -> tasks.stream().allMatch(TaskHandle::isDone));
            rig.task("check", () -> {
                assertEquals(0, rig.client.fsync(f[0]));
                assertEquals(0, rig.client.fsync(f[1]));
                byte[] want0 = new byte[6 * Rig.PAGE];
                System.arraycopy(a, 0, want0, 0, a.length);
                System.arraycopy(m, 0, want0, 3 * Rig.PAGE, m.length);
                System.arraycopy(b, 0, want0, 4 * Rig.PAGE, b.length);
                assertArrayEquals(want0, rig.client.stored(f[0]));
                byte[] want1 = new byte[2 * Rig.PAGE + 10];
                System.arraycopy(Rig.bytes(4 * Rig.PAGE, 4), 0, want1, 0, Rig.PAGE + 3);
                System.arraycopy(Rig.bytes(10, 5), 0, want1, 2 * Rig.PAGE, 10);
                assertArrayEquals(want1, rig.client.stored(f[1]));
            });
            rig.stop();
            for (TaskHandle t : tasks) {
                assertEquals(null, t.failure(), "round " + round);
            }
            assertEquals(Verdict.CLEAN, rig.run.detectors.verdict(), () -> "round " + kernel + " "
                    + rig.run.detectors.findings().get(0).report());
        }
    }
}
