package org.flushcheck.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.flushcheck.detect.Verdict;
import org.flushcheck.explore.Exploration;
import org.flushcheck.explore.Search;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file oracle in the explorer: two threads writing overlapping bytes at the same
 * time, and a third reading them, is correct under every schedule, whichever write lands
 * last. The old oracle replayed the writes in the order they completed, and a writer
 * preempted between its i_mutex unlock and its return completed second although it wrote
 * first: a false DATA_LOSS (pct d=3 seed 1 reached it at its 21st schedule).
 */
class ConcurrentWritesOracleTest {

    @TempDir
    Path dir;

    private static final Scenario OVERLAPPING = ScenarioParser.parse("overlapping-writes.yaml", """
            scenario: overlapping-writes
            design: page-writeback-1.6
            kernel: "2.6.32"
            threads:
              - name: init
                ops:
                  - write: {file: 1, at: 0, bytes: 8192}
              - name: a
                after: init
                ops:
                  - write: {file: 1, at: 0, bytes: 3000}
              - name: b
                after: init
                ops:
                  - write: {file: 1, at: 1000, bytes: 3000}
              - name: reader
                after: init
                ops:
                  - read: {file: 1, at: 0, bytes: 4096}
            expect: {"*": CLEAN}
            """);

    private final ScenarioRunner runner = new ScenarioRunner(Duration.ofSeconds(10));

    /** dfs k=2: every schedule it explores is CLEAN. */
    @Test
    void explore_dfsOverlappingConcurrentWrites_clean() {
        Exploration<Verdict, Outcome> e = runner.explore(OVERLAPPING, Search.dfs(2, 100), dir);
        assertEquals(Set.of(Verdict.CLEAN), e.found().keySet(), () -> report(e));
    }

    /** pct d=3 (the search that reached the old oracle's false DATA_LOSS): every schedule is CLEAN. */
    @Test
    void explore_pctOverlappingConcurrentWrites_clean() {
        Exploration<Verdict, Outcome> e = runner.explore(OVERLAPPING, Search.pct(3, 1, 200), dir);
        assertEquals(Set.of(Verdict.CLEAN), e.found().keySet(), () -> report(e));
    }

    private static String report(Exploration<Verdict, Outcome> e) {
        return e.found().values().stream().flatMap(f -> f.outcome().findings().stream())
                .map(f -> f.title() + "\n" + f.report()).findFirst().orElse("");
    }
}
