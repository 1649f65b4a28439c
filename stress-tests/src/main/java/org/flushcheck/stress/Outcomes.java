package org.flushcheck.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Outcome;

/**
 * The outcome lists every race shares, through {@code @JCStressMeta}: a result is
 * {@code "VERDICT, DATA"}: the detectors' verdict for the state (or the harness's
 * problem: SETUP_*, CHECK_*, THREADS_LEFT, NOT_FINISHED, all forbidden), then what a later
 * read saw against the sequential spec ({@code OK}, {@code READ_*}/{@code STORED_*} for
 * the first difference, {@code -} when a hang made the spec moot).
 */
public final class Outcomes {

    private Outcomes() {
    }

    /** A design known to deadlock (write-through-1.4, page-writeback-1.6, naive-deferred). */
    @Outcome(id = "CLEAN, OK",                       expect = ACCEPTABLE,
             desc = "No hang; a later read sees the sequential spec.")
    @Outcome(id = "(ORDER_VIOLATION|INVERSION), OK", expect = ACCEPTABLE_INTERESTING,
             desc = "No hang reached, data right; lockdep predicts one or the order is broken.")
    @Outcome(id = "DEADLOCK, .*",                    expect = ACCEPTABLE_INTERESTING,
             desc = "The wait-for graph closed a cycle: the known deadlock.")
    @Outcome(id = "STALL, .*",                       expect = ACCEPTABLE_INTERESTING,
             desc = "A wait nobody could end: the known stall.")
    @Outcome(                                        expect = FORBIDDEN,
             desc = "Wrong data without a hang, a BUG, a hung task, or a harness failure.")
    public static final class Prone {
        private Prone() {
        }
    }

    /** safe-deferred: no hang, no predicted hang, no order violation, the spec's data. */
    @Outcome(id = "CLEAN, OK",                       expect = ACCEPTABLE,
             desc = "No hang; a later read sees the sequential spec.")
    @Outcome(id = "DEADLOCK, .*",                    expect = FORBIDDEN,
             desc = "safe-deferred deadlocked.")
    @Outcome(id = "STALL, .*",                       expect = FORBIDDEN,
             desc = "safe-deferred stalled.")
    @Outcome(id = "(ORDER_VIOLATION|INVERSION), .*", expect = FORBIDDEN,
             desc = "safe-deferred broke its declared order or lockdep predicts a hang.")
    @Outcome(                                        expect = FORBIDDEN,
             desc = "Wrong data, a BUG, a hung task, or a harness failure.")
    public static final class Safe {
        private Safe() {
        }
    }
}
