package org.flushcheck.lincheck;

import java.util.Set;
import org.flushcheck.detect.Verdict;

/**
 * What a design is expected to reach in a concern: {@link #CLEAN} (nothing within the
 * bounds, and at least one run completed), or a verdict on a cycle or wait over exactly
 * {@code classes}, with Lincheck's interleaving of it. Anything else is a mismatch: no
 * finding where one is expected, another verdict, other lock classes, a hang or crash the
 * detectors did not name (a BUG), so another bug is never taken for the known one.
 */
public record Expectation(Verdict verdict, Set<String> classes) {

    public static final Expectation CLEAN = new Expectation(Verdict.CLEAN, Set.of());

    public Expectation {
        classes = Set.copyOf(classes);
    }

    /** The verdict {@code verdict} on a cycle or wait over exactly {@code classes}. */
    public static Expectation of(Verdict verdict, String... classes) {
        return new Expectation(verdict, Set.of(classes));
    }

    /**
     * Why {@code e} is not what is expected, or null when it is. Only a decided exploration
     * is judged: an inconclusive one is a skipped test, never a pass or a failure.
     */
    public String mismatch(Exploration e) {
        if (!e.decided()) {
            throw new IllegalArgumentException("an inconclusive exploration is not judged: " + e.summary());
        }
        if (e.verdict() != verdict) {
            return "expected " + this + ", found " + e.summary();
        }
        if (verdict == Verdict.CLEAN) {
            return e.completed() > 0 ? null : "no run completed: " + e.summary();
        }
        if (!classes.equals(Set.copyOf(e.worst().classes()))) {
            return "expected " + this + ", found the classes " + e.worst().classes() + ": " + e.summary();
        }
        return e.lincheck().isEmpty() ? "Lincheck reported no interleaving: " + e.summary() : null;
    }

    @Override
    public String toString() {
        return verdict == Verdict.CLEAN ? "CLEAN" : verdict + " " + classes;
    }
}
