package org.flushcheck.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.flushcheck.detect.Verdict;
import org.flushcheck.explore.Exploration;
import org.flushcheck.explore.ScheduleId;
import org.flushcheck.explore.Search;
import org.flushcheck.report.Terminal;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every hang a committed scenario expects of its own design and kernel (a DEADLOCK or a
 * STALL) is found by {@code dfs k=2} within a small budget, and the schedule that found
 * it replays it 100 times out of 100, byte for byte.
 *
 * <p>One exception, by name: {@code flushvcache-under-glock}'s STALL and DEADLOCK need a
 * change early in the run, and a depth-first search with a budget only varies the tail
 * (200 schedules of dfs k=0 or k=2 reach only its HUNG_TASK); verify's pct finds both, so
 * that scenario is searched with verify's default search here.
 */
class HazardExplorationTest {

    private static final Set<Verdict> HANGS = EnumSet.of(Verdict.DEADLOCK, Verdict.STALL);
    private static final int BUDGET = 20;

    @TempDir
    Path cacheRoot;

    static Stream<String> hazards() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "scenarios"))) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".yaml")).sorted()
                    .filter(f -> {
                        Scenario s = ScenarioParser.read(Path.of("..", "scenarios", f));
                        return s.expect().expected(s.design(), s.kernel()).stream().anyMatch(HANGS::contains);
                    }).toList().stream();
        }
    }

    /** dfs k=2 reaches the expected hang; its id replays it identically, 100 times. */
    @ParameterizedTest
    @MethodSource("hazards")
    void dfsK2_expectedHang_foundAndReplayed(String file) {
        Scenario s = ScenarioParser.read(Path.of("..", "scenarios", file));
        ScenarioRunner runner = new ScenarioRunner(Duration.ofSeconds(10));
        Search search = file.equals("flushvcache-under-glock.yaml") ? Search.pct(3, 1, 30) : Search.dfs(2, BUDGET);
        Exploration<Verdict, Outcome> e = runner.explore(s, search, cacheRoot);
        Set<Verdict> hangs = EnumSet.copyOf(s.expect().expected(s.design(), s.kernel()));
        hangs.retainAll(HANGS);
        for (Verdict v : hangs) {
            assertTrue(e.found().containsKey(v), file + ": " + v + " not found; " + e.bound() + " reached "
                    + e.found().keySet());
            Exploration.Found<Outcome> f = e.found().get(v);
            String want = Terminal.outcome(f.outcome());
            ScheduleId id = ScheduleId.parse(f.schedule().toString());
            for (int i = 0; i < 100; i++) {
                assertEquals(want, Terminal.outcome(runner.replay(s, id, cacheRoot)), file + ": replay " + i + " of " + id);
            }
        }
    }
}
