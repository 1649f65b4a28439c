package org.flushcheck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.flushcheck.design.LockDesign;
import org.flushcheck.detect.Verdict;
import org.flushcheck.explore.Exploration;
import org.flushcheck.explore.Search;
import org.flushcheck.report.Cell;
import org.flushcheck.report.Distinct;
import org.flushcheck.report.FindingsTree;
import org.flushcheck.report.Matrix;
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

/**
 * {@code flushcheck verify}: every scenario against every design (and the earlier
 * release a scenario names) on every kernel profile, detectors on, each cell explored by
 * the explorer (default: {@link #DEFAULT_SEARCH}, deterministic) or run on real threads
 * ({@code --explore stress}); writes {@code findings/} and prints the matrix. A cell's
 * outcome is the run of its worst verdict. Exit 1 when the verdicts a cell reaches are
 * not exactly those its scenario expects of that design and kernel. {@code --junit FILE}
 * and {@code --json FILE} also write the run for CI ({@link CiOutputs}).
 */
@Command(name = "verify", description = "Runs every scenario on every design and kernel; writes findings/.")
final class VerifyCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--design", description = "only this design (repeatable; default: every design)")
    List<String> designs = new ArrayList<>();

    @Option(names = "--kernel", description = "only this kernel profile (repeatable; default: every profile)")
    List<String> kernels = new ArrayList<>();

    @Option(names = "--out", description = "where findings go (default: findings/ of the repository)")
    Path out = Home.path("findings");

    @Option(names = "--scenarios", description = "the scenario directory (default: scenarios/ of the repository)")
    Path scenarios = Home.path("scenarios");

    @Option(names = "--hung-task", description = "seconds before the watchdog reports a wait (default 10)")
    int hungTask = 10;

    @Option(names = "--explore", description = "pct (default), dfs or random: the explorer; stress: one run on real"
            + " threads per cell")
    String engine = "pct";

    @Mixin
    ExploreOptions explore;

    /** The default search of a cell: deterministic, and small enough for the whole matrix in about a minute. */
    static final String DEFAULT_SEARCH = "pct d=3, seed 1, 30 schedules";

    @Mixin
    CiOutputs ci = new CiOutputs();

    @Option(names = "--jobs", paramLabel = "N", description = "explore N cells side by side (default: the"
            + " processors); the answer does not depend on it")
    int jobs = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() {
        List<Scenario> all = scenarios();
        List<String> chosenKernels = kernels.isEmpty()
                ? Stream.of(KernelProfile.values()).map(KernelProfile::label).toList()
                : kernels.stream().map(k -> KernelProfile.named(k).label()).toList();
        List<String> chosenDesigns = designs.stream().map(d -> LockDesign.named(d).name()).toList();
        List<String[]> plan = new ArrayList<>();
        for (Scenario s : all) {
            for (String d : designsFor(s, chosenDesigns)) {
                for (String k : chosenKernels) {
                    plan.add(new String[] {s.name(), d, k});
                }
            }
        }
        FindingsTree.checkWritable(out, plan.stream().map(p -> p[1]).distinct().toList());
        ci.check();
        PrintWriter err = spec.commandLine().getErr();
        ScenarioRunner runner = new ScenarioRunner(Duration.ofSeconds(hungTask));
        List<Outcome> outcomes = new ArrayList<>();
        List<Cell> answers = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        Search search = engine.equals("stress") ? null : explore.search(engine, 30);
        if (jobs < 1 || jobs > 64) {
            throw new IllegalArgumentException("--jobs " + jobs + " must be in 1..64");
        }
        Path cacheRoot = Temp.dir();
        ExecutorService pool = Executors.newFixedThreadPool(search == null ? 1 : jobs);
        try {
            List<Future<Cell>> cells = new ArrayList<>();
            for (String[] p : plan) {
                Scenario s = all.stream().filter(x -> x.name().equals(p[0])).findFirst().orElseThrow().on(p[1], p[2]);
                cells.add(pool.submit(() -> cell(runner, s, search, cacheRoot)));
            }
            int i = 0;
            for (int c = 0; c < plan.size(); c++) {
                String[] p = plan.get(c);
                Cell cell = result(cells.get(c));
                Outcome o = cell.worst();
                Set<Verdict> reached = cell.reached();
                Scenario s = o.scenario();
                outcomes.add(o);
                answers.add(cell);
                boolean ok = cell.asExpected();
                if (!ok) {
                    unexpected.add(s.name() + " under " + s.design() + " @ " + s.kernel() + ": reached "
                            + Expect.spell(reached) + ", expected " + Expect.spell(cell.expected()));
                }
                err.printf("[%d/%d] %s: %s @ %s: %s%s%n", ++i, plan.size(), p[0], p[1], p[2], Expect.spell(reached),
                        ok ? "" : " (UNEXPECTED)");
            }
        } finally {
            pool.shutdownNow();
            Temp.delete(cacheRoot);
        }
        List<Distinct> distinct = FindingsTree.write(out, outcomes, designsRun(outcomes), VerifyCommand::command);
        ci.write(answers, distinct, out);
        Matrix m = new Matrix(outcomes);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(m.text());
        unexpected.forEach(u -> stdout.println("UNEXPECTED: " + u));
        stdout.println("explored: " + (search == null ? "real threads, 1 run per cell" : search.toString()) + " per cell");
        stdout.println("findings written to " + out);
        return unexpected.isEmpty() ? 0 : Main.UNEXPECTED;
    }

    /** Explores (or, for stress, runs) one cell; cells are independent, so they run side by side. */
    private static Cell cell(ScenarioRunner runner, Scenario s, Search search, Path cacheRoot) {
        if (search == null) {
            return Cell.ofRun(runner.run(s, cacheRoot));
        }
        Exploration<Verdict, Outcome> e = runner.explore(s, search, cacheRoot);
        return new Cell(e.found().get(((TreeMap<Verdict, ?>) e.found()).lastKey()).outcome(), e.found().keySet(),
                e.bound());
    }

    /** The cell's answer; its failure (bad input, a broken model run) as the command would have thrown it. */
    private static Cell result(Future<Cell> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private List<Scenario> scenarios() {
        if (!Files.isDirectory(scenarios)) {
            throw new IllegalArgumentException("no scenario directory " + scenarios + " (run from the repository"
                    + " root, or give --scenarios DIR)");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(scenarios)) {
            files = list.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no *.yaml scenario in " + scenarios);
        }
        return files.stream().map(f -> ScenarioParser.read(f, Home.relative(f))).toList();
    }

    /** The designs asked for, else every design plus the earlier release the scenario names. */
    private static List<String> designsFor(Scenario s, List<String> chosen) {
        if (!chosen.isEmpty()) {
            return chosen;
        }
        List<String> out = new ArrayList<>(LockDesign.all().stream().map(LockDesign::name).toList());
        if (!out.contains(s.design())) {
            out.add(s.design());
        }
        return out;
    }

    private static List<LockDesign> designsRun(List<Outcome> outcomes) {
        Map<String, LockDesign> out = new LinkedHashMap<>();
        outcomes.forEach(o -> out.computeIfAbsent(o.scenario().design(), LockDesign::named));
        return List.copyOf(out.values());
    }

    static String command(Outcome o) {
        String schedule = o.schedule() == null ? "" : " --schedule " + o.schedule();
        return "./flushcheck run " + o.scenario().source() + " --design " + o.scenario().design() + " --kernel "
                + o.scenario().kernel() + schedule;
    }
}
