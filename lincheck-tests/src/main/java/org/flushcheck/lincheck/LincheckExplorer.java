package org.flushcheck.lincheck;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.flushcheck.detect.Detectors;
import org.flushcheck.detect.Finding;
import org.flushcheck.detect.Verdict;
import org.flushcheck.sync.AtomicSteps;
import org.flushcheck.sync.Domain;
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
 * an exception in the model) is a BUG of the model or of the engine.
 */
public final class LincheckExplorer {

    private LincheckExplorer() {
    }

    /**
     * Explores {@code program} with {@code actors} threads within {@code bounds};
     * {@code detectors} makes each invocation's detectors (with the design's declared
     * order), and must leave the watchdog off.
     */
    public static Exploration explore(Program program, int actors, Bounds bounds,
            Supplier<Detectors> detectors) {
        AtomicReference<Detectors> failed = new AtomicReference<>();
        AtomicReference<Detectors> predicted = new AtomicReference<>();
        String[] report = {""};
        long t0 = System.nanoTime();
        AtomicSteps.markedDuring(new IgnoredSections(), () -> {
            try {
                Lincheck.runConcurrentTest(bounds.invocations(),
                        () -> invocation(program, detectors, failed, predicted));
            } catch (LincheckAssertionError e) {
                report[0] = e.getMessage();
            }
        });
        long millis = (System.nanoTime() - t0) / 1_000_000;
        Detectors d = failed.get();
        if (d != null) {
            return new Exploration(d.verdict(), d.findings(), report[0], bounds, actors, millis);
        }
        if (report[0].isEmpty()) {
            Detectors p = predicted.get();
            return p == null ? new Exploration(Verdict.CLEAN, List.of(), "", bounds, actors, millis)
                    : new Exploration(p.verdict(), p.findings(), "", bounds, actors, millis);
        }
        Finding unnamed = new Finding(Verdict.BUG, "Lincheck failed where the detectors found nothing",
                report[0], List.of());
        return new Exploration(Verdict.BUG, List.of(unnamed), report[0], bounds, actors, millis);
    }

    /** The detectors for an exploration: all on, the watchdog off. */
    public static Detectors.Builder detectors() {
        return Detectors.builder().hungTask(Duration.ZERO);
    }

    private static void invocation(Program program, Supplier<Detectors> detectors,
            AtomicReference<Detectors> failed, AtomicReference<Detectors> predicted) {
        Detectors d = detectors.get();
        program.run(new Domain(d));
        if (d.verdict() != Verdict.CLEAN && d.verdict().compareTo(Verdict.DATA_LOSS) < 0) {
            predicted.compareAndSet(null, d);
        } else if (d.verdict() != Verdict.CLEAN) {
            failed.set(d);
            Finding f = Exploration.worst(d.verdict(), d.findings());
            throw new AssertionError(f.verdict() + ": " + f.title() + " " + f.classes());
        }
    }
}
