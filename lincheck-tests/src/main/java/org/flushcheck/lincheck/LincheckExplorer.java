package org.flushcheck.lincheck;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.flushcheck.detect.Detectors;
import org.flushcheck.detect.Finding;
import org.flushcheck.detect.Verdict;
import org.flushcheck.sync.AtomicSteps;
import org.flushcheck.sync.Domain;
import org.flushcheck.sync.ModelException;
import org.flushcheck.sync.TaskHandle;
import org.jetbrains.kotlinx.lincheck.strategy.TimeoutFailure;
import org.jetbrains.lincheck.Lincheck;
import org.jetbrains.lincheck.LincheckAssertionError;

/**
 * The Lincheck exploration engine: model-checks a {@link Program} with
 * {@code Lincheck.runConcurrentTest}, the detectors on in every interleaving.
 *
 * <p>Each invocation builds fresh detectors (the watchdog off: Lincheck owns time and a
 * timed wait returns at once) and a fresh domain, and runs the program. A hang reached
 * or lost data (a verdict of DATA_LOSS or worse) fails the invocation with the worst
 * finding's title, so Lincheck stops and reports that interleaving. A predicted one
 * (INVERSION, ORDER_VIOLATION: lockdep needs no unlucky interleaving) does not stop the
 * search for a reached deadlock; the first is kept, and is the exploration's verdict
 * when nothing worse is reached within the bounds. A deadlock never reaches Lincheck as a
 * hang: the detectors see the cycle before the last task parks, abort every stuck task
 * and the program ends. What Lincheck reports that the detectors did not name (a hang,
 * an exception in the model) is a BUG of the model or of the engine. What stops Lincheck
 * before it decides is no verdict at all: an invocation that outlived Lincheck's wall
 * clock, or an exception from Lincheck's own code, makes the exploration
 * {@linkplain Exploration#decided() inconclusive}, never a BUG and never a finding.
 */
public final class LincheckExplorer {

    private LincheckExplorer() {
    }

    /**
     * Explores {@code program} within {@code bounds}; {@code detectors} makes each
     * invocation's detectors (with the design's declared order), and must leave the
     * watchdog off.
     */
    public static Exploration explore(Program program, Bounds bounds, Supplier<Detectors> detectors) {
        long t0 = System.nanoTime();
        Tally tally = new Tally();
        Ended ended = run(program, bounds, detectors, tally);
        String firstTry = "";
        if (ended.timedOut() && tally.completed == 0) {
            firstTry = " on a second try (the first timed out after 0)";
            tally = new Tally();
            ended = run(program, bounds, detectors, tally);
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        int completed = tally.completed;
        int actors = tally.tasks;
        if (ended.timedOut()) {
            return Exploration.inconclusive("Lincheck's invocation time limit (" + WALL_CLOCK_LIMIT
                    + " of wall clock) tripped after " + completed + " of " + bounds.invocations()
                    + " invocations" + firstTry + "; no verdict", bounds, completed, actors, millis);
        }
        if (ended.lincheckFailed() != null) {
            return Exploration.inconclusive("Lincheck failed in its own code after " + completed + " of "
                    + bounds.invocations() + " invocations (" + ended.lincheckFailed() + "); no verdict",
                    bounds, completed, actors, millis);
        }
        String report = ended.report();
        Detectors d = tally.failed;
        if (d != null) {
            return new Exploration(d.verdict(), d.findings(), report, bounds, completed, actors,
                    millis);
        }
        if (!report.isEmpty()) {
            Finding unnamed = new Finding(Verdict.BUG,
                    "Lincheck failed where the detectors found nothing", Exploration.failureOf(report), List.of());
            return new Exploration(Verdict.BUG, List.of(unnamed), report, bounds, completed,
                    actors, millis);
        }
        if (completed == 0) {
            Finding none = new Finding(Verdict.BUG, "Lincheck completed none of "
                    + bounds.invocations() + " invocations: nothing was explored",
                    "Lincheck aborted every run of the program before it ended (see package-info)",
                    List.of());
            return new Exploration(Verdict.BUG, List.of(none), "", bounds, 0, actors, millis);
        }
        Detectors p = tally.predicted;
        return p == null
                ? new Exploration(Verdict.CLEAN, List.of(), "", bounds, completed, actors, millis)
                : new Exploration(p.verdict(), p.findings(), "", bounds, completed, actors, millis);
    }

    /**
     * Lincheck's wall-clock limit on one invocation ({@code CTestConfiguration.DEFAULT_TIMEOUT_MS}),
     * fixed for {@code runConcurrentTest} (package-info). An invocation that outlives it
     * ends the exploration with no verdict.
     */
    static final String WALL_CLOCK_LIMIT = "30 s";

    /**
     * How one Lincheck exploration ended: with Lincheck's report (empty when it found
     * nothing), with its invocation wall clock tripped, or with an exception from
     * Lincheck's own code (one line; an invocation's exception comes back as the report).
     */
    private record Ended(String report, boolean timedOut, String lincheckFailed) {
    }

    /**
     * One Lincheck exploration. The caller runs it a second time when the first invocation
     * alone outlived Lincheck's wall-clock limit: the first invocation in a JVM also pays
     * for transforming every model class it loads (about 12 s on two cores, more when
     * another JVM competes), which the second run finds done.
     *
     * <p>A timeout is told from a hang Lincheck's analysis found by the failure's type
     * ({@code TimeoutFailure}, through the error's internal accessor): a timeout has no
     * interleaving, only a dump of wherever the threads were (thousands of lines of
     * Lincheck's own frames), which is dropped.
     */
    private static Ended run(Program program, Bounds bounds, Supplier<Detectors> detectors, Tally tally) {
        Ended[] ended = {new Ended("", false, null)};
        AtomicSteps.markedDuring(new IgnoredSections(), () -> {
            try {
                Lincheck.runConcurrentTest(bounds.invocations(), () -> invocation(program, detectors, tally));
            } catch (LincheckAssertionError e) {
                ended[0] = timedOut(e)
                        ? new Ended("", true, null)
                        : new Ended(e.getMessage(), false, null);
            } catch (RuntimeException e) {
                ended[0] = new Ended("", false, oneLine(e));
            }
        });
        return ended[0];
    }

    /**
     * Whether {@code e}, thrown by a Lincheck check this engine does not drive (the
     * data-structure API, a bare {@code runConcurrentTest}), is Lincheck's invocation wall
     * clock tripping rather than a failure it found: no verdict, so a test skips.
     */
    public static boolean timedOut(LincheckAssertionError e) {
        return e.getFailure$lincheck() instanceof TimeoutFailure;
    }

    /** An exception as one line: its class and the first line of its message. */
    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        return e.getClass().getName() + (m.isEmpty() ? "" : ": " + m);
    }

    /**
     * What the invocations found, written only outside Lincheck's analysis: after each
     * invocation Lincheck restores what analysed code wrote to the objects reachable from
     * the test, so a result kept in analysed code would be undone by the next invocation.
     */
    private static final class Tally {
        int completed;
        /** The most tasks one run had: the program's own thread, its actors and daemons. */
        int tasks;
        Detectors failed;
        Detectors predicted;
    }

    /** The detectors for an exploration: all on, the watchdog off. */
    public static Detectors.Builder detectors() {
        return Detectors.builder().hungTask(Duration.ZERO);
    }

    /**
     * Checks the tasks a program ran, once they have all ended. A task Lincheck aborted
     * (its analysis cut the invocation short, e.g. to replay a spin cycle) rethrows
     * Lincheck's abort in the program's thread: that invocation is Lincheck's to redo, and
     * what the detectors saw in it (the aborted task "exiting" while others wait for it)
     * is no finding. A task that failed with anything else than a {@link ModelException}
     * (the detectors' verdict) fails the invocation, so a crash never reads as CLEAN.
     */
    public static void ended(Collection<TaskHandle> tasks) {
        for (TaskHandle t : tasks) {
            if (isLincheckAbort(t.failure())) {
                throw (Error) t.failure();
            }
        }
        for (TaskHandle t : tasks) {
            Throwable f = t.failure();
            if (f != null && !(f instanceof ModelException)) {
                throw new IllegalStateException("task " + t.task().name() + " failed: " + f, f);
            }
        }
    }

    /** Lincheck's own abort of a thread (internal to Lincheck, so known by name). */
    static boolean isLincheckAbort(Throwable t) {
        return t instanceof Error && t.getClass().getName().equals(LINCHECK_ABORT);
    }

    private static final String LINCHECK_ABORT =
            "org.jetbrains.kotlinx.lincheck.strategy.managed.LincheckAnalysisAbortedError";

    private static void invocation(Program program, Supplier<Detectors> detectors, Tally tally) {
        Detectors d = detectors.get();
        Domain domain = new Domain(d);
        program.run(domain);
        Verdict v = d.verdict();
        int tasks = domain.snapshot().size();
        IgnoredSections.run(() -> {
            tally.completed++;
            tally.tasks = Math.max(tally.tasks, tasks);
            if (v != Verdict.CLEAN && v.compareTo(Verdict.DATA_LOSS) < 0) {
                if (tally.predicted == null) {
                    tally.predicted = d;
                }
            } else if (v != Verdict.CLEAN) {
                tally.failed = d;
            }
        });
        if (v.compareTo(Verdict.DATA_LOSS) >= 0) {
            Finding f = Exploration.worst(v, d.findings());
            throw new AssertionError(f.verdict() + ": " + f.title() + " " + f.classes());
        }
    }
}
