package org.flushcheck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.flushcheck.design.LockDesign;
import org.flushcheck.detect.Finding;
import org.flushcheck.detect.Verdict;
import org.flushcheck.lincheck.Bounds;
import org.flushcheck.lincheck.Exploration;
import org.flushcheck.lincheck.LincheckExplorer;
import org.flushcheck.scenario.Expect;
import org.flushcheck.scenario.Scenario;
import org.flushcheck.scenario.ScenarioRunner;
import org.flushcheck.sync.AtomicSteps;

/**
 * {@code run --explore lincheck}: the scenario as a program for Lincheck's model checker
 * ({@link LincheckExplorer}); each invocation gets a fresh client in a fresh cache
 * directory and fresh detectors with the design's declared order. The file oracle runs
 * in every invocation that ends cleanly ({@link ScenarioRunner#drive} reports its
 * findings to the invocation's detectors), so a DATA_LOSS fails the invocation and comes
 * with Lincheck's interleaving, like a hang.
 */
final class LincheckEngine {

    private LincheckEngine() {
    }

    /**
     * Explores {@code s} and prints the exploration, bounded: the verdict, the bound, the
     * detectors' findings and the head of Lincheck's report (its failure, not its
     * interleaving table, which runs to tens of thousands of lines and thousands of
     * columns; {@code report}, when not null, gets the whole report). Returns the exit
     * code: 0 when the verdict is expected, {@link Main#UNEXPECTED} when not,
     * {@link Main#INCONCLUSIVE} when Lincheck could not decide.
     */
    static int run(Scenario s, int invocations, Path report, PrintWriter out) {
        if (invocations < 1 || invocations > 1_000_000) {
            throw new IllegalArgumentException("--invocations " + invocations + " must be in 1..1000000");
        }
        if (report != null && !Files.isDirectory(report.toAbsolutePath().getParent())) {
            throw new IllegalArgumentException("--lincheck-report " + report + ": no such directory");
        }
        LockDesign design = LockDesign.named(s.design());
        ScenarioRunner runner = new ScenarioRunner(Duration.ZERO);
        Path root = Temp.dir();
        AtomicInteger n = new AtomicInteger();
        try {
            Exploration e = LincheckExplorer.explore(
                    domain -> LincheckExplorer.ended(runner.drive(s, design, domain, cacheDir(root, n))),
                    new Bounds(invocations),
                    () -> LincheckExplorer.detectors().order(design.lockOrder()).build());
            out.println("scenario " + s.name() + "  design " + s.design() + "  kernel " + s.kernel());
            if (!e.decided()) {
                out.println("verdict: INCONCLUSIVE (" + e.inconclusive() + ")");
                out.println("bounds: Lincheck model checking, " + e.summary());
                return Main.INCONCLUSIVE;
            }
            boolean ok = e.completed() > 0 && s.expect().accepts(s.design(), s.kernel(), e.verdict());
            out.println("verdict: " + e.verdict() + (ok ? " (expected)" : " (UNEXPECTED: the scenario expects "
                    + Expect.spell(s.expect().expected(s.design(), s.kernel())) + ")"));
            out.println("bounds: Lincheck model checking, " + e.summary());
            if (e.verdict() == Verdict.CLEAN && e.completed() < invocations) {
                out.println("note: Lincheck ran only " + e.completed() + " of " + invocations + " invocations to"
                        + " their end (it aborts some runs itself; lincheck-tests package-info); the verdict"
                        + " covers the completed ones");
            }
            for (Finding f : e.findings()) {
                String splat = f.report().strip();
                out.println("\n--- " + f.title() + "\n" + (f.verdict() == Verdict.BUG ? head(splat) : splat));
            }
            if (!e.lincheck().isEmpty()) {
                out.println("\n--- Lincheck's report\n" + head(e.lincheckFailure()));
                out.println(saved(e.lincheck(), report));
            }
            return ok ? 0 : Main.UNEXPECTED;
        } finally {
            Temp.delete(root);
        }
    }

    /** Lines of a Lincheck text printed at most, each at most {@link #COLUMNS} wide. */
    static final int HEAD_LINES = 20;
    static final int COLUMNS = 160;

    /** The first {@link #HEAD_LINES} lines of {@code text}, each cut at {@link #COLUMNS}. */
    static String head(String text) {
        long lines = text.lines().count();
        String head = text.lines().limit(HEAD_LINES)
                .map(l -> l.length() > COLUMNS ? l.substring(0, COLUMNS - 3) + "..." : l)
                .collect(Collectors.joining("\n"));
        return lines > HEAD_LINES ? head + "\n[" + (lines - HEAD_LINES) + " more lines]" : head;
    }

    /** Writes the whole report to {@code file} when asked; says where it is, or how to get it. */
    private static String saved(String lincheck, Path file) {
        long lines = lincheck.lines().count();
        if (file == null) {
            return "(Lincheck's whole report, its interleaving table included, is " + lines
                    + " lines: --lincheck-report FILE writes it)";
        }
        try {
            Files.writeString(file, lincheck);
        } catch (IOException e) {
            throw new IllegalArgumentException("--lincheck-report " + file + ": cannot write it: " + e.getMessage(), e);
        }
        return "(Lincheck's whole report, " + lines + " lines with its interleaving table: " + file + ")";
    }

    private static Path cacheDir(Path root, AtomicInteger n) {
        try {
            return AtomicSteps.hostIo(() -> Files.createDirectories(root.resolve("c" + n.incrementAndGet())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
