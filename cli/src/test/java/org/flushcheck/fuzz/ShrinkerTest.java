package org.flushcheck.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.flushcheck.explore.Search;
import org.flushcheck.scenario.Op;
import org.flushcheck.scenario.Scenario;
import org.flushcheck.scenario.ScenarioParser;
import org.flushcheck.scenario.ThreadSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shrinker: a planted finding shrinks to its core; nothing is kept that the predicate refuses. */
class ShrinkerTest {

    static final Path HOME = Path.of(System.getProperty("flushcheck.home", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dir;

    /**
     * b01's DEADLOCK (writepage -> StoreAllSegments -> lock_page of its own page, 1.4 before
     * CPageWrite), padded with a reading thread, a read and another memory size, shrinks
     * to its core, smaller than b01 itself: the writer's write and mmap store alone (the
     * flusher's own background pass does the writeback b01's sync thread asks for).
     */
    @Test
    void shrink_paddedB01_keepsTheDeadlockCore() throws IOException {
        String b01 = Files.readString(HOME.resolve("scenarios/b01-mmap-writeback-recursion.yaml"));
        String padded = b01.replace("  memory_pages: 4096\n", "").replace("  chunk_pages: 1\n",
                        "  chunk_pages: 1\n  memory_pages: 1024\n")
                .replace("    ops:\n      - write: {file: 1, at: 0, bytes: 8192}",
                        "    ops:\n      - read: {file: 1, at: 0, bytes: 100}\n      - write: {file: 1, at: 0, bytes: 8192}")
                .replace("  - name: sync\n", """
                          - name: other
                            ops:
                              - read: {file: 2, at: 0, bytes: 4096}
                              - read: {file: 1, at: 4096, bytes: 100}
                          - name: sync
                        """);
        Scenario s = ScenarioParser.parse("padded.yaml", padded);
        assertEquals(3, s.threads().size(), padded);
        Probe probe = new Probe(Search.pct(3, 1, 20), Duration.ofSeconds(10), dir);
        String key = "DEADLOCK PG_locked";
        assertTrue(probe.run(s).hits().containsKey(key), () -> probe.run(s).hits().keySet().toString());

        Shrinker.Result r = new Shrinker(c -> probe.run(c).hits().containsKey(key), 60).shrink(s);
        Scenario small = r.scenario();
        assertTrue(probe.run(small).hits().containsKey(key));
        assertEquals(List.of("writer"), small.threads().stream().map(ThreadSpec::name).toList(), small::toString);
        assertEquals(List.of(Op.Kind.WRITE, Op.Kind.MMAP_STORE), small.threads().get(0).ops().stream()
                .map(Op::kind).toList(), small::toString);
        assertNull(Workload.problem(small));
    }

    /** A predicate that refuses everything leaves the scenario as it was, after trying candidates. */
    @Test
    void shrink_nothingKept_returnsTheInput() {
        Scenario s = new Generator(3, "safe-deferred", null).scenario(5);
        Shrinker.Result r = new Shrinker(c -> false, 1000).shrink(s);
        assertEquals(s, r.scenario());
        assertEquals(0, r.kept());
        assertTrue(r.tried() > 0);
    }

    /**
     * Shrinking towards "some thread writes at least 5000 bytes to file 1" ends at one thread
     * of one write at offset 0, no fault, under twice that size; no more candidates than the budget.
     */
    @Test
    void shrink_syntheticPredicate_reachesOneSmallWrite() {
        Predicate<Scenario> big = c -> c.threads().stream().flatMap(t -> t.ops().stream())
                .anyMatch(o -> o.kind() == Op.Kind.WRITE && o.file() == 1 && o.arg("bytes") >= 5000);
        Generator g = new Generator(11, "safe-deferred", null);
        Scenario s = java.util.stream.IntStream.range(0, 200).mapToObj(g::scenario)
                .filter(big).filter(c -> c.operations() >= 4).findFirst().orElseThrow();
        Shrinker.Result r = new Shrinker(big, 10_000).shrink(s);
        Scenario small = r.scenario();
        assertEquals(1, small.operations(), small::toString);
        Op write = small.threads().get(0).ops().get(0);
        assertEquals(0, write.arg("at"), small::toString);
        assertTrue(write.arg("bytes") >= 5000 && write.arg("bytes") < 10_000, small::toString);
        assertTrue(small.faults().isEmpty(), small::toString);
        assertTrue(new Shrinker(big, 3).shrink(s).tried() <= 3);
    }
}
