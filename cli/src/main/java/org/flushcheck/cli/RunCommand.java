package org.flushcheck.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.flushcheck.design.LockDesign;
import org.flushcheck.detect.Verdict;
import org.flushcheck.report.Terminal;
import org.flushcheck.scenario.Expect;
import org.flushcheck.scenario.Outcome;
import org.flushcheck.scenario.Scenario;
import org.flushcheck.scenario.ScenarioParser;
import org.flushcheck.scenario.ScenarioRunner;
import org.flushcheck.vm.KernelProfile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flushcheck run FILE.yaml}: one scenario under one design and kernel, on real
 * threads ({@code --explore stress}, repeated {@code --runs} times) or model-checked
 * ({@code --explore lincheck}). Prints the verdict, every finding in full, the
 * interleaving and the bounds; exits 1 when a verdict is not what the file expects.
 */
@Command(name = "run", description = "Runs one scenario and prints its verdict, findings and interleaving.")
final class RunCommand implements Callable<Integer> {

    /** The engines a scenario can run under. */
    enum Engine { stress, lincheck }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE.yaml", description = "the scenario")
    Path file;

    @Option(names = "--design", description = "the lock design (default: the scenario's)")
    String design;

    @Option(names = "--kernel", description = "the kernel profile: 2.6.18, 2.6.32 or 3.2+ (default: the scenario's)")
    String kernel;

    @Option(names = "--explore", description = "stress (real threads) or lincheck (model checking); default stress")
    Engine engine = Engine.stress;

    @Option(names = "--runs", description = "stress: how many runs (default 1)")
    int runs = 1;

    @Option(names = "--invocations", description = "lincheck: interleavings to explore (default 30)")
    int invocations = 30;

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
        PrintWriter out = spec.commandLine().getOut();
        if (engine == Engine.lincheck) {
            return LincheckEngine.run(s, invocations, out) ? 0 : Main.UNEXPECTED;
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
}
