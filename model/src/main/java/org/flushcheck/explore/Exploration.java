package org.flushcheck.explore;

import java.util.Locale;
import java.util.Map;

/**
 * What an exploration answers: every verdict its runs reached, each with the shortest
 * schedule found to it, and the bound as a sentence. A CLEAN answer is only as good as
 * {@link #bound}: "no finding in these schedules".
 *
 * @param found       verdict to the shortest run reaching it
 * @param schedules   runs counted (pruned and other shards' runs excluded)
 * @param executions  runs executed in all
 * @param complete    whether the strategy exhausted its bounds (dfs), not the budget
 * @param strategy    the strategy's own description
 * @param nanos       wall time, for the terminal only (never in a finding: it varies)
 */
public record Exploration<K, R>(Map<K, Found<R>> found, long schedules, long executions, boolean complete,
        String strategy, long nanos) {

    /** The shortest run found to one verdict, and the schedule number (1-based) that first reached it. */
    public record Found<R>(ScheduleId schedule, int steps, R outcome, long firstAt) {
    }

    /** The bound, deterministic: {@code dfs k=2 with sleep sets: complete, 41233 schedules}. */
    public String bound() {
        return strategy + ": " + (complete ? "complete, " : "budget reached, ") + schedules + " schedule"
                + (schedules == 1 ? "" : "s") + (executions > schedules ? " (" + (executions - schedules)
                + " more runs pruned by the reduction)" : "");
    }

    /** {@link #bound} with the wall time and rate: for a terminal. */
    public String boundTimed() {
        double s = nanos / 1e9;
        return bound() + String.format(Locale.ROOT, ", %.1f s (%.0f runs/s)", s, executions / Math.max(s, 1e-9));
    }
}
