package org.flushcheck.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.flushcheck.afs.AfsConfig;
import org.flushcheck.afs.VCache;
import org.flushcheck.detect.Detectors;
import org.flushcheck.detect.EntryPoints;
import org.flushcheck.detect.Finding;
import org.flushcheck.detect.Verdict;
import org.flushcheck.testing.Quiescence;
import org.flushcheck.vm.KernelProfile;
import org.flushcheck.vm.Vm;
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
        Rig rig = rig(runs, design, kernel, dir.resolve("cache"), Detectors.builder().order(design.lockOrder()));
        rig.task("writer", () -> workload(rig.client));
        rig.stop();
        List<Finding> violations = rig.run.take(Verdict.ORDER_VIOLATION);
        assertEquals(List.of(), violations, () -> violations.isEmpty() ? "" : violations.get(0).report());
        assertTrue(rig.run.detectors.findings().isEmpty(), () -> rig.run.detectors.findings().get(0).report());
    }

    /** The design's locking table agrees with what its entry points did on all three eras. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("designNames")
    void lockingTable_matchesObservedEntryPoints(String name, Quiescence.Runs runs, @TempDir Path dir)
            throws Exception {
        LockDesign design = LockDesign.named(name);
        EntryPoints seen = new EntryPoints(Set.copyOf(design.lockingTable().rows().keySet()));
        for (KernelProfile kernel : KernelProfile.values()) {
            Rig rig = rig(runs, design, kernel, dir.resolve(kernel.name()),
                    Detectors.builder().entryPoints(design.lockingTable().rows().keySet()));
            rig.task("writer", () -> workload(rig.client));
            rig.stop();
            seen.addAll(rig.run.detectors.entryPoints());
            rig.run.take(Verdict.INVERSION);
        }
        assertEquals(List.of(), design.lockingTable().disagreements(seen));
    }

    static Stream<String> designNames() {
        return LockDesign.all().stream().map(LockDesign::name);
    }

    /** A client with 64 pages of memory (so throttling runs) and a 4-chunk cache. */
    private static Rig rig(Quiescence.Runs runs, LockDesign design, KernelProfile kernel, Path dir,
            Detectors.Builder detectors) throws Exception {
        return new Rig(runs, design, kernel, new Vm.Config(64, kernel.dirtyRatio(),
                kernel.backgroundRatio(), 8), AfsConfig.of(2, 4), Files.createDirectories(dir),
                detectors.hungTask(Duration.ZERO).build());
    }

    /** One pass over every entry point, sequentially, in one task. */
    static void workload(Client c) {
        VCache f = c.open(1);
        c.write(f, 0, Rig.bytes(3 * Rig.PAGE + 100, 1));
        c.mmapStore(f, 10, Rig.bytes(100, 2));
        c.writeback();
        c.fsync(f);
        c.read(f, 0, 4 * Rig.PAGE);
        c.mmapStore(f, 20, Rig.bytes(10, 4));
        c.reclaim();
        VCache g = c.open(2);
        c.write(g, 0, Rig.bytes(5 * Rig.PAGE, 5));
        c.truncate(f, 5000);
        c.write(f, 6000, Rig.bytes(300, 3));
        c.close(f);
        c.close(g);
        c.writeback(); // no AFS page in flight: ShakeLooseVCaches's C hazard has its own test
        c.shakeLooseVCaches();
    }
}
