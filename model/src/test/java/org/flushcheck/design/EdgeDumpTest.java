package org.flushcheck.design;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.TreeSet;
import org.flushcheck.afs.AfsConfig;
import org.flushcheck.afs.VCache;
import org.flushcheck.detect.Detectors;
import org.flushcheck.testing.Quiescence;
import org.flushcheck.vm.KernelProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(Quiescence.class)
class EdgeDumpTest {
    @Test
    void dump(Quiescence.Runs runs, @TempDir Path dir) {
        int n = 0;
        for (LockDesign d : LockDesign.all()) {
            TreeSet<String> edges = new TreeSet<>();
            for (KernelProfile k : KernelProfile.values()) {
                for (int cache : new int[] {16, 3}) {
                    Path cacheDir = dir.resolve("c" + n++);
                    assertTrue(cacheDir.toFile().mkdirs());
                    Rig rig = new Rig(runs, d, k, AfsConfig.of(2, cache), cacheDir,
                            Detectors.builder().hungTask(Duration.ofSeconds(30)).build());
                    rig.task("writer", () -> {
                        VCache f = rig.client.open(1);
                        rig.client.write(f, 0, Rig.bytes(3 * Rig.PAGE + 100, 1));
                        rig.client.mmapStore(f, 10, Rig.bytes(100, 2));
                        rig.client.writeback();
                        rig.client.fsync(f);
                        rig.client.read(f, 0, 4 * Rig.PAGE);
                        VCache g = rig.client.open(2);
                        rig.client.write(g, 0, Rig.bytes(5 * Rig.PAGE, 5));
                        rig.client.truncate(f, 5000);
                        rig.client.write(f, 6000, Rig.bytes(300, 3));
                        rig.client.close(f);
                        rig.client.close(g);
                        rig.client.shakeLooseVCaches();
                    });
                    rig.stop();
                    rig.run.detectors.findings().forEach(f -> System.out.println("  F " + d.name() + " " + k + " " + cache + " " + f.title()));
                    rig.run.detectors.dependencies().forEach(e -> edges.add(e.from() + " -> " + e.to() + "   " + e.toSite().function()));
                }
            }
            System.out.println("=== " + d.name());
            edges.forEach(e -> System.out.println("  " + e));
        }
    }
}
