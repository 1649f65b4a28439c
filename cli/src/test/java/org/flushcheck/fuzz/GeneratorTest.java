package org.flushcheck.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.flushcheck.scenario.Fault;
import org.flushcheck.scenario.Op;
import org.flushcheck.scenario.Scenario;
import org.flushcheck.scenario.ScenarioParser;
import org.flushcheck.scenario.ScenarioWriter;
import org.flushcheck.scenario.Sizes;
import org.flushcheck.vm.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The generator's properties, over thousands of generated scenarios. */
class GeneratorTest {

    private static final int PER_SEED = 400;

    static Stream<Scenario> generated() {
        return Stream.of(-7L, 1L, 2L, 42L, 1L << 40).flatMap(seed -> {
            Generator g = new Generator(seed, "safe-deferred", null);
            return IntStream.range(0, PER_SEED).mapToObj(g::scenario);
        });
    }

    /** Every generated scenario is valid: the parser reads its file back to an equal scenario. */
    @ParameterizedTest
    @MethodSource("generated")
    void scenario_writtenAndParsed_isEqual(Scenario s) {
        Scenario back = ScenarioParser.parse(s.name() + ".yaml", ScenarioWriter.write(s));
        assertEquals(Scenarios.content(s), Scenarios.content(back));
    }

    /** Every generated scenario is a runnable workload, 1-3 threads of 1-5 operations, within the size bound. */
    @ParameterizedTest
    @MethodSource("generated")
    void scenario_isRunnableAndBounded(Scenario s) {
        assertNull(Workload.problem(s), () -> ScenarioWriter.write(s));
        assertTrue(s.threads().size() >= 1 && s.threads().size() <= 3, s::toString);
        assertTrue(s.threads().stream().allMatch(t -> t.ops().size() >= 1 && t.ops().size() <= 5), s::toString);
        Sizes z = s.sizes();
        long cache = (long) z.chunkPages() * z.cacheChunks();
        assertTrue(cache <= Generator.MAX_CACHE_PAGES, s::toString);
        long limit = (2 * cache + 3) * Page.PAGE_SIZE;
        assertTrue(s.threads().stream().flatMap(t -> t.ops().stream()).filter(o -> o.args().containsKey("at"))
                .allMatch(o -> o.arg("at") + o.arg("bytes") <= limit), s::toString);
    }

    /** Scenario i of seed S is a function of (S, i): generated twice, equal; another index, another scenario. */
    @Test
    void scenario_sameSeedAndIndex_same() {
        Generator a = new Generator(9, "page-writeback-1.6", "3.2+");
        Generator b = new Generator(9, "page-writeback-1.6", "3.2+");
        for (int i = 0; i < 50; i++) {
            assertEquals(a.scenario(i), b.scenario(i));
            assertEquals("3.2+", a.scenario(i).kernel());
        }
        assertNotEquals(a.scenario(3).threads(), a.scenario(4).threads());
    }

    /**
     * The generator reaches what the fuzz is for: every operation it may generate, both
     * faults, a write larger than the cache, a full-cache configuration, every kernel.
     */
    @Test
    void scenarios_coverEveryOperationFaultAndSize() {
        Set<Op.Kind> kinds = EnumSet.noneOf(Op.Kind.class);
        Set<String> faults = new java.util.HashSet<>();
        Set<String> kernels = new java.util.HashSet<>();
        boolean largerThanCache = false;
        boolean dirtyLimitOne = false;
        boolean tmpfs = false;
        for (Scenario s : generated().toList()) {
            long cache = (long) s.sizes().chunkPages() * s.sizes().cacheChunks() * Page.PAGE_SIZE;
            kernels.add(s.kernel());
            s.faults().stream().map(Fault::function).forEach(faults::add);
            dirtyLimitOne |= s.sizes().maxDirtyChunks() == 1;
            tmpfs |= s.sizes().cacheOnTmpfs();
            for (Op op : s.threads().stream().flatMap(t -> t.ops().stream()).toList()) {
                kinds.add(op.kind());
                largerThanCache |= op.kind() == Op.Kind.WRITE && op.arg("bytes") > cache;
            }
        }
        assertEquals(EnumSet.complementOf(EnumSet.of(Op.Kind.AWAIT, Op.Kind.I_SIZE_WRITE,
                Op.Kind.TRUNCATE_INODE_PAGES)), kinds);
        assertEquals(Set.of("afs_linux_writepage", Fault.STORE_DATA), faults);
        assertEquals(Set.of("2.6.18", "2.6.32", "3.2+"), kernels);
        assertTrue(largerThanCache && dirtyLimitOne && tmpfs);
    }
}
