package org.flushcheck.explore;

import org.flushcheck.sync.Chooser;
import org.flushcheck.sync.Controller;

/**
 * A search over schedules: a {@link Chooser} for the runs, plus when to stop and what
 * bound a run set amounts to. One instance drives one exploration, run after run.
 */
public interface Strategy extends Chooser {

    /** Prepares the next run; false when the strategy has nothing left to explore. */
    boolean beginRun();

    /**
     * The run that just ended; false when its outcome is not this strategy's to count
     * (pruned, or explored by another shard).
     */
    boolean endRun(Controller.Result<?> run);

    /** Whether every schedule within the strategy's bounds has been explored. */
    boolean complete();

    /** The bound, as a sentence's start: {@code dfs k=2}, {@code pct d=3, seed 1}. */
    String describe();
}
