package org.flushcheck.detect;

/**
 * One thing a run found: its verdict, a one-line title, and the full report in the
 * format users already read (a lockdep splat, a hung-task report, a BUG).
 */
public record Finding(Verdict verdict, String title, String report) {

    @Override
    public String toString() {
        return verdict + ": " + title;
    }
}
