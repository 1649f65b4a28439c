package org.flushcheck.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.Set;
import org.flushcheck.design.LockDesign;
import org.flushcheck.detect.Verdict;
import org.flushcheck.explore.Exploration;
import org.flushcheck.explore.ScheduleId;
import org.flushcheck.explore.Search;
import org.flushcheck.report.Terminal;
import org.flushcheck.scenario.Expect;
import org.flushcheck.scenario.Outcome;
import org.flushcheck.scenario.Scenario;
import org.flushcheck.scenario.ScenarioParser;
import org.flushcheck.scenario.ScenarioRunner;
import org.flushcheck.vm.KernelProfile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flushcheck run FILE.yaml}: one scenario under one design and kernel, explored by
 * the explorer ({@code --explore dfs}, the default, {@code pct} or {@code random}), replayed
 * from a schedule id ({@code --schedule ID}), on real threads ({@code --explore stress},
 * repeated {@code --runs} times) or model-checked by Lincheck ({@code --explore lincheck}).
 * Prints the verdict, every finding in full, the interleaving and the bounds; exits 1 when
 * the verdicts reached are not what the file expects.
 */
@Command(name = "run", description = "Runs one scenario and prints its verdict, findings and interleaving.")
final class RunCommand implements Callable<Integer> {

    /** The engines a scenario can run under. */
    enum Engine { dfs, pct, random, stress, lincheck }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE.yaml", description = "the scenario")
    Path file;

    @Option(names = "--design", description = "the lock design (default: the scenario's)")
    String design;

    @Option(names = "--kernel", description = "the kernel profile: 2.6.18, 2.6.32 or 3.2+ (default: the scenario's)")
    String kernel;

    @Option(names = "--explore", description = "dfs (default), pct or random: the explorer; stress: real threads"
            + " (the default when --runs is given); lincheck: Lincheck's model checker, whose invocations have"
            + " a 30 s wall-clock limit: when it trips the verdict is INCONCLUSIVE (exit 3), never a finding")
    Engine engine;

    @Option(names = "--schedule", paramLabel = "ID", description = "replay one explored run by its schedule id")
    String schedule;

    @Mixin
    ExploreOptions explore;

    /** {@code run}'s budget unless {@code --schedules} says otherwise: seconds, not minutes, on a full scenario. */
    static final int DEFAULT_SCHEDULES = 200;

    @Option(names = "--runs", description = "stress: how many runs (default 1; implies --explore stress)")
    int runs = 1;

    @Option(names = "--invocations", description = "lincheck: interleavings to explore (default 30)")
    int invocations = 30;

    @Option(names = "--lincheck-report", paramLabel = "FILE", description = "lincheck: write Lincheck's whole report"
            + " (its interleaving table, often thousands of lines) to FILE; the terminal gets its head only")
    Path lincheckReport;

    @Option(names = "--hung-task", description = "stress: seconds before the watchdog reports a wait (default 10)")
    int hungTask = 10;

    @Override
    public Integer call() {
        if (runs < 1 || runs > 100_000) {
            throw new IllegalArgumentException("--runs " + runs + " must be in 1..100000");
        }
        if (hungTask < 1 || hungTask > 3600) {
            throw new IllegalArgumentException("--hung-task " + hungTask + " must be in 1..3600 seconds");
        }
        Scenario s = ScenarioParser.read(file);
        s = s.on(design == null ? s.design() : LockDesign.named(design).name(),
                kernel == null ? s.kernel() : KernelProfile.named(kernel).label());
        if (engine == null) {
            engine = spec.commandLine().getParseResult().hasMatchedOption("--runs") ? Engine.stress : Engine.dfs;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (schedule != null) {
            Path cacheRoot = Temp.dir();
            try {
                Outcome o = new ScenarioRunner(Duration.ofSeconds(hungTask)).replay(s, ScheduleId.parse(schedule),
                        cacheRoot);
                out.print(Terminal.outcome(o));
                return o.expected() ? 0 : Main.UNEXPECTED;
            } finally {
                Temp.delete(cacheRoot);
            }
        }
        if (engine == Engine.dfs || engine == Engine.pct || engine == Engine.random) {
            return explore(s, explore.search(engine.name(), DEFAULT_SCHEDULES), out);
        }
        if (engine == Engine.lincheck) {
            return LincheckEngine.run(s, invocations, lincheckReport, out);
        }
        ScenarioRunner runner = new ScenarioRunner(Duration.ofSeconds(hungTask));
        Path cacheRoot = Temp.dir();
        try {
            List<Outcome> outcomes = new ArrayList<>();
            Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
            Outcome worst = null;
            for (int i = 0; i < runs; i++) {
                Outcome o = runner.run(s, cacheRoot);
                outcomes.add(o);
                counts.merge(o.verdict(), 1, Integer::sum);
                if (worst == null || o.verdict().compareTo(worst.verdict()) > 0 || (!o.expected() && worst.expected())) {
                    worst = o;
                }
            }
            out.print(Terminal.outcome(worst));
            if (runs > 1) {
                out.println("\nverdicts over " + runs + " runs: " + counts);
            }
            boolean ok = outcomes.stream().allMatch(Outcome::expected);
            if (!ok) {
                spec.commandLine().getErr().println("flushcheck: unexpected verdict: the scenario expects "
                        + Expect.spell(s.expect().expected(s.design(), s.kernel())) + ", got " + counts);
            }
            return ok ? 0 : Main.UNEXPECTED;
        } finally {
            Temp.delete(cacheRoot);
        }
    }

    /** Explores {@code s}: the verdicts reached, each with its schedule, then the worst in full. */
    private int explore(Scenario s, Search search, PrintWriter out) {
        Path cacheRoot = Temp.dir();
        try {
            Exploration<Verdict, Outcome> e = new ScenarioRunner(Duration.ofSeconds(hungTask)).explore(s, search,
                    cacheRoot);
            Set<Verdict> reached = e.found().keySet();
            Set<Verdict> expected = s.expect().expected(s.design(), s.kernel());
            Verdict worst = ((java.util.TreeMap<Verdict, ?>) e.found()).lastKey();
            out.print(Terminal.outcome(e.found().get(worst).outcome()));
            out.println();
            out.println("explored: " + e.boundTimed());
            e.found().forEach((v, f) -> out.println("  " + v + ": first reached by schedule " + f.firstAt()
                    + "; shortest schedule " + f.schedule() + " (" + f.steps() + " steps); replay: ./flushcheck run " + file + " --design " + s.design()
                    + " --kernel " + s.kernel() + " --schedule " + f.schedule()));
            boolean ok = reached.equals(expected);
            if (!ok) {
                spec.commandLine().getErr().println("flushcheck: unexpected verdicts: the scenario expects "
                        + Expect.spell(expected) + ", the exploration reached " + Expect.spell(reached));
            }
            return ok ? 0 : Main.UNEXPECTED;
        } finally {
            Temp.delete(cacheRoot);
        }
    }
}
