package org.flushcheck.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.flushcheck.afs.AfsConfig;
import org.flushcheck.afs.VCache;
import org.flushcheck.detect.Detectors;
import org.flushcheck.detect.Finding;
import org.flushcheck.detect.Verdict;
import org.flushcheck.testing.Quiescence;
import org.flushcheck.vm.KernelProfile;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered design, on every kernel, runs one workload touching every entry point
 * (write, mmap store, writeback, fsync, read, truncate, close, ShakeLooseVCaches, a full
 * cache) with its declared order checked: every dependency the code creates must be in
 * the design's tree, and the locking table must agree with what the code did.
 */
@ExtendWith(Quiescence.class)
class DesignContractTest {

    static Stream<Arguments> designsAndKernels() {
        return LockDesign.all().stream().flatMap(d -> Stream.of(KernelProfile.values())
                .map(k -> Arguments.of(d.name(), k)));
    }

    /** The code creates only dependencies its declared order allows. */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("designsAndKernels")
    void workload_observedDependencies_withinDeclaredOrder(String name, KernelProfile kernel,
            Quiescence.Runs runs, @TempDir Path dir) throws Exception {
        LockDesign design = LockDesign.named(name);
        Rig rig = new Rig(runs, design, kernel, AfsConfig.of(2, 4), Files.createDirectories(dir.resolve("cache")),
                Detectors.builder().order(design.lockOrder()).hungTask(Duration.ofSeconds(30)).build());
        rig.task("writer", () -> workload(rig.client));
        rig.stop();

        List<Finding> violations = rig.run.take(Verdict.ORDER_VIOLATION);
        assertEquals(List.of(), violations, () -> violations.isEmpty() ? "" : violations.get(0).report());
        assertTrue(rig.run.detectors.findings().isEmpty(), () -> rig.run.detectors.findings().get(0).report());
    }

    /** One pass over every entry point, sequentially, in one task. */
    static void workload(Client c) {
        VCache f = c.open(1);
        c.write(f, 0, Rig.bytes(3 * Rig.PAGE + 100, 1));
        c.mmapStore(f, 10, Rig.bytes(100, 2));
        c.writeback();
        c.fsync(f);
        c.read(f, 0, 4 * Rig.PAGE);
        VCache g = c.open(2);
        c.write(g, 0, Rig.bytes(5 * Rig.PAGE, 5));
        c.truncate(f, 5000);
        c.write(f, 6000, Rig.bytes(300, 3));
        c.close(f);
        c.close(g);
        c.shakeLooseVCaches();
    }
}
