package org.flushcheck.detect;

/**
 * What a run found, from least to most severe; a run's verdict is its worst finding.
 * DESIGN.md's six plus two: HUNG_TASK (the watchdog saw a wait the graphs could not
 * explain) and BUG (a strict locking rule broken).
 */
public enum Verdict {
    CLEAN,
    ORDER_VIOLATION,
    INVERSION,
    DATA_LOSS,
    STALL,
    DEADLOCK,
    HUNG_TASK,
    BUG;

    public Verdict worst(Verdict other) {
        return other.compareTo(this) > 0 ? other : this;
    }
}
