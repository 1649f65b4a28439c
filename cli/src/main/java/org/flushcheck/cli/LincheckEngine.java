package org.flushcheck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
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

    /** Explores {@code s}; prints the exploration; true when its verdict is expected. */
    static boolean run(Scenario s, int invocations, PrintWriter out) {
        if (invocations < 1 || invocations > 1_000_000) {
            throw new IllegalArgumentException("--invocations " + invocations + " must be in 1..1000000");
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
                out.println("\n--- " + f.title() + "\n" + f.report().strip());
            }
            if (!e.lincheck().isEmpty()) {
                out.println("\n--- Lincheck's interleaving\n" + e.lincheck());
            }
            return ok;
        } finally {
            Temp.delete(root);
        }
    }

    private static Path cacheDir(Path root, AtomicInteger n) {
        try {
            return AtomicSteps.hostIo(() -> Files.createDirectories(root.resolve("c" + n.incrementAndGet())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
