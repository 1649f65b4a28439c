package org.flushcheck.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.flushcheck.detect.Detectors;
import org.flushcheck.detect.Verdict;
import org.flushcheck.explore.Exploration;
import org.flushcheck.explore.Explorer;
import org.flushcheck.explore.Search;
import org.flushcheck.scenario.Outcome;
import org.flushcheck.scenario.Scenario;
import org.flushcheck.scenario.ScenarioParser;
import org.flushcheck.scenario.ScenarioRunner;
import org.flushcheck.sync.Controller;
import org.flushcheck.sync.DeadlockException;
import org.flushcheck.sync.Mutex;
import org.flushcheck.sync.TaskHandle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The explorer's throughput: a complete {@code dfs} of a two-task ABBA on two mutexes
 * (detectors on; every schedule, each one counted), and pct schedules of a
 * whole scenario (every daemon running, real cache files), one schedule per operation.
 * Schedules per second = ops/s x schedules per op.
 *
 * HOW TO RUN
 *   mvn -B -q package -pl benchmarks -am -DskipTests
 *   java -jar benchmarks/target/benchmarks.jar ExplorerBench -f 1 -wi 3 -w 2 -i 5 -r 2
 *   (run from the repository root: the scenario benchmarks read scenarios/)
 */
@State(Scope.Thread)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ExplorerBench {

    /** Complete dfs of the ABBA program without a bound. */
    static final Explorer.Program<Verdict> ABBA = (chooser, maxSteps) -> {
        Detectors detectors = Detectors.builder().build();
        return Controller.run(detectors, chooser, maxSteps, d -> {
            Mutex a = new Mutex(d, "lock_A");
            Mutex b = new Mutex(d, "lock_B");
            TaskHandle t2 = d.spawn("t2", () -> nested(b, a));
            try {
                nested(a, b);
            } catch (DeadlockException expected) {
                // the verdict is the detectors'
            }
            t2.join();
            return detectors.verdict();
        });
    };

    @Param({"scenarios/b01-mmap-writeback-recursion.yaml", "scenarios/b02-writepage-past-eof.yaml"})
    public String scenario;

    private Scenario parsed;
    private ScenarioRunner runner;
    private Path cacheRoot;
    private long seed;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        parsed = ScenarioParser.read(Path.of(scenario));
        runner = new ScenarioRunner(Duration.ofSeconds(10));
        cacheRoot = Files.createTempDirectory("flushcheck-bench");
    }

    /** One complete exploration of ABBA (all its schedules). */
    @Benchmark
    public Exploration<Verdict, Verdict> abbaDfsComplete() {
        return Explorer.explore(ABBA, Search.dfs(-1, 1_000), Set::of);
    }

    /** One pct schedule of the scenario under its own design, a new seed each time. */
    @Benchmark
    public Exploration<Verdict, Outcome> scenarioPctSchedule() {
        return runner.explore(parsed, Search.pct(3, seed++, 1), cacheRoot);
    }

    private static void nested(Mutex outer, Mutex inner) {
        outer.lock();
        try {
            inner.lock();
            inner.unlock();
        } finally {
            outer.unlock();
        }
    }
}
