package org.flushcheck.report;

import java.util.Set;
import java.util.TreeSet;
import org.flushcheck.detect.Verdict;
import org.flushcheck.scenario.Outcome;
import org.flushcheck.scenario.Scenario;

/**
 * One cell of verify's matrix (a scenario under one design and kernel): the outcome of its
 * worst verdict, every verdict it reached, and the search that reached them.
 *
 * <p>Expected: an exploration answers with the set of verdicts the search reaches, so the
 * cell is as expected only when that set is exactly the scenario's; a run on real threads
 * ({@code search} null) is one sample, as expected when its verdict is one of them.
 *
 * @param worst   the outcome of the worst verdict reached (its findings, its schedule)
 * @param reached every verdict reached, at least the worst's
 * @param search  the exploration's bound as a sentence ({@code pct d=3, seed 1 (...): budget
 *                reached, 30 schedules}), or null for a run on real threads
 */
public record Cell(Outcome worst, Set<Verdict> reached, String search) {

    public Cell {
        reached = Set.copyOf(new TreeSet<>(reached));
        if (!reached.contains(worst.verdict())) {
            throw new IllegalArgumentException("the worst outcome's " + worst.verdict() + " is not among " + reached);
        }
    }

    /** One run on real threads: its verdict is all it reached. */
    public static Cell ofRun(Outcome o) {
        return new Cell(o, Set.of(o.verdict()), null);
    }

    /** The verdicts the scenario expects here. */
    public Set<Verdict> expected() {
        Scenario s = worst.scenario();
        return s.expect().expected(s.design(), s.kernel());
    }

    public boolean asExpected() {
        return search == null ? expected().contains(worst.verdict()) : expected().equals(reached);
    }

    /** The bound of the cell's answer, one line: the search, and the run its worst verdict came from. */
    public String bound() {
        return search == null ? worst.bounds() : search + "; worst verdict by " + worst.bounds();
    }
}
