package org.flushcheck.detect;

import java.util.List;

/**
 * One thing a run found: its verdict, a one-line title, the full report in the format
 * users already read (a lockdep splat, a hung-task report, a BUG), and the lock classes
 * it is about, in order: what each task of a hang's chain waits for, an inversion's
 * cycle, an order violation's edge (a broken rule names none). Two findings with the same
 * verdict and classes are the same finding, whatever the run that produced them.
 */
public record Finding(Verdict verdict, String title, String report, List<String> classes) {

    public Finding {
        classes = List.copyOf(classes);
    }

    @Override
    public String toString() {
        return verdict + ": " + title;
    }
}
