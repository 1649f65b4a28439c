package org.flushcheck.sync;

import java.util.List;

/**
 * The policy half of controlled mode: at every scheduling point the {@link Controller}
 * asks which enabled task runs next. A strategy (random, PCT, DFS, a replay) implements
 * it; it sees only this decision, never the model.
 */
public interface Chooser {

    /** One task that may run: its pid and the footprint of the step it would take. */
    record Choice(int pid, long footprint) {
    }

    /**
     * One scheduling decision: the step number (0 for the first), the enabled tasks in
     * pid order, and the task that ran the previous step ({@code previous}, 0 for none)
     * with whether it is still enabled (then choosing another one is a preemption).
     */
    record Decision(int step, List<Choice> enabled, int previous, boolean previousEnabled) {

        /** What runs when nothing says otherwise: the previous task if it can, else the lowest pid. */
        public int fallback() {
            return previousEnabled ? previous : enabled.get(0).pid();
        }

        /** Whether running {@code pid} here preempts the previous task. */
        public boolean preempts(int pid) {
            return previousEnabled && pid != previous;
        }

        /** The footprint of {@code pid}'s pending step; a pid that is not enabled is an error. */
        public long footprintOf(int pid) {
            for (Choice c : enabled) {
                if (c.pid() == pid) {
                    return c.footprint();
                }
            }
            throw new IllegalArgumentException("task " + pid + " is not enabled at step " + step);
        }

        public boolean isEnabled(int pid) {
            for (Choice c : enabled) {
                if (c.pid() == pid) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Thrown by {@link #choose} to end a run early: every schedule from here on is
     * equivalent to one already explored (all enabled tasks asleep), or belongs to
     * another shard. The run is cut; its outcome counts for nothing.
     */
    final class Prune extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Prune(String why) {
            super(why, null, false, false);
        }
    }

    /** The pid of the task to run; it must be one of {@code d.enabled()}. */
    int choose(Decision d);

    /** The step {@code d} ran {@code pid}, and the footprint the step really had (widened to GLOBAL when it aborted tasks). */
    default void ran(Decision d, int pid, long footprint) {
    }
}
