package org.flushcheck.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;
import org.flushcheck.detect.Verdict;
import org.flushcheck.explore.Exploration;
import org.flushcheck.explore.Search;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The recommended design's bound: on every committed scenario, under {@code safe-deferred}
 * on the scenario's kernel, {@code dfs k=0} (every schedule that switches tasks only where
 * one blocks or ends, with sleep sets; daemons start idle and stop in fixed order, see
 * {@link org.flushcheck.sync.Domain#settle}) is complete and reaches CLEAN alone.
 *
 * <p>Left out, by name and reason:
 * <ul>
 *   <li>scenarios that turn an AFS fix off ({@code fixes:}, B10, B11): they reproduce a
 *       bug of the cache manager that no lock design fixes;</li>
 *   <li>{@code flushvcache-under-glock}: complete at k=0 too, in 10 752 schedules (about
 *       two minutes here), so it runs with {@code -Pdeep};</li>
 *   <li>{@code c01-everything-at-once}: not complete at k=0 within 30 000 schedules; its
 *       bound is verify's pct.</li>
 *   <li>{@code r08-one-chunk-cache-large-write}, {@code r10-long-drain-run}: long drains
 *       through a one-chunk cache (every page waits for a store and an eviction, polling);
 *       dfs k=0 had not completed after 300 schedules (69 and 19 runs/s here), so their
 *       bound is verify's pct too.</li>
 * </ul>
 */
class SafeDeferredBoundTest {

    private static final int BUDGET = 50_000;

    /** The scenarios left out of the default pass, by name (the class comment says why). */
    private static final Set<String> LEFT_OUT = Set.of("flushvcache-under-glock.yaml", "c01-everything-at-once.yaml",
            "r08-one-chunk-cache-large-write.yaml", "r10-long-drain-run.yaml");

    @TempDir
    Path cacheRoot;

    static Stream<String> scenarios() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "scenarios"))) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".yaml")).sorted()
                    .filter(f -> {
                        Sizes z = ScenarioParser.read(Path.of("..", "scenarios", f)).sizes();
                        return z.truncateDaemonFix() && z.storeReleasesLeftovers();
                    })
                    .filter(f -> !LEFT_OUT.contains(f))
                    .toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void dfsK0_complete_clean(String file) {
        assertCompleteClean(file);
    }

    @Test
    @Tag("deep")
    void dfsK0_flushvcacheUnderGlock_complete_clean() {
        assertCompleteClean("flushvcache-under-glock.yaml");
    }

    private void assertCompleteClean(String file) {
        Scenario s = ScenarioParser.read(Path.of("..", "scenarios", file));
        Exploration<Verdict, Outcome> e = new ScenarioRunner(Duration.ofSeconds(10))
                .explore(s.on("safe-deferred", s.kernel()), Search.dfs(0, BUDGET), cacheRoot);
        assertTrue(e.complete(), file + ": " + e.bound());
        assertEquals(Set.of(Verdict.CLEAN), e.found().keySet(), file + ": " + e.bound());
    }
}
