package org.flushcheck.sync;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The one place a model thread blocks.
 *
 * <p>Each pass is one atomic step under the domain monitor: rethrow if the task was
 * aborted; try the grant; otherwise register the wait (dropping the lock the wait
 * releases while it sleeps, atomically), refuse a self-deadlock, ask the observer
 * whether the wait can ever end, enforce the hung-task bound. Then, outside the step,
 * park. Wakers change state in a step and unpark after it; a park permit is kept until
 * used, so no wakeup is lost between the pass and the park. A spurious unpark just
 * runs another pass. In a controlled run the park is the {@link Controller}'s, on the
 * virtual clock; a daemon's idle wait has no watchdog bound (khungtaskd skips TASK_IDLE).
 * A timed wait ({@link Wait#timed}) also ends when its deadline, fixed when it is first
 * registered, is reached: the pass that sees the clock past it unblocks the task and
 * reports the timeout, and every park before that is bounded by it.
 */
final class ChokePoint {

    private ChokePoint() {
    }

    /**
     * Blocks {@code t} until {@code w} is ready. {@code dropped}, if not null, is a
     * mutex {@code t} holds that is released as the task goes to sleep; the caller
     * retakes it afterwards. Returns true when the wait is over, false when a timed
     * wait's timeout ran out first.
     */
    static boolean await(Task t, Wait w, Mutex dropped) {
        Domain d = t.domain;
        Pass pass = new Pass(t, w, dropped, w.isIdle() ? 0 : d.observer.hungTaskNanos());
        long footprint = w.footprint(dropped);
        try {
            for (;;) {
                long park = d.atomicallyGet(footprint, pass::run);
                if (park == GRANTED || park == TIMED_OUT) {
                    return park == GRANTED;
                }
                Controller c = d.controller;
                if (c != null) {
                    c.park(t, footprint, park > 0 ? d.nanoTime() + park : 0);
                } else if (park > 0) {
                    LockSupport.parkNanos(w, park);
                } else {
                    LockSupport.park(w);
                }
            }
        } finally {
            if (pass.registered) {
                d.locally(() -> unblock(t));
            }
        }
    }

    /** What a pass returns when the wait is over. */
    private static final long GRANTED = -1;

    /** What a pass returns when a timed wait's deadline passed before the wait was over. */
    private static final long TIMED_OUT = -2;

    /** One pass of a wait, run as an atomic step under the monitor. */
    private static final class Pass {
        private final Task t;
        private final Wait w;
        private final Mutex dropped;
        private final long bound;
        boolean registered;
        private long deadline; // a timed wait's end on the domain's clock, set at registration; 0: none

        Pass(Task t, Wait w, Mutex dropped, long bound) {
            this.t = t;
            this.w = w;
            this.dropped = dropped;
            this.bound = bound;
        }

        /**
         * {@link #GRANTED}, {@link #TIMED_OUT}, or how long to park: 0 for no bound, else
         * the nanoseconds left until the hung-task bound or the timeout, whichever is first.
         */
        long run() {
            Domain d = t.domain;
            for (;;) {
                t.throwIfAborted();
                if (w.ready()) {
                    unblock(t); // in the same step as the grant: no detector sees a granted waiter
                    return GRANTED;
                }
                if (!registered) {
                    registered = true;
                    t.waiting = w;
                    t.state = Task.State.BLOCKED;
                    t.blockedSinceNanos = bound > 0 ? d.nanoTime() : 0;
                    deadline = w.timeoutNanos() > 0 ? d.nanoTime() + w.timeoutNanos() : 0;
                    if (dropped != null) {
                        dropped.releaseForSleep(t);
                    }
                }
                Stuck stuck = selfDeadlock(t, w);
                if (stuck == null) {
                    stuck = d.observer.checkPark(t, d.tasks());
                }
                if (stuck != null) {
                    d.abort(stuck, t);
                    continue; // rethrows: the abort marked t
                }
                long now = d.nanoTime();
                if (deadline > 0 && now >= deadline) {
                    unblock(t);
                    return TIMED_OUT;
                }
                long timeoutLeft = deadline > 0 ? deadline - now : Long.MAX_VALUE;
                if (bound == 0) {
                    return timeoutLeft == Long.MAX_VALUE ? 0 : timeoutLeft;
                }
                long waited = now - t.blockedSinceNanos;
                if (waited < bound) {
                    return Math.min(bound - waited, timeoutLeft);
                }
                d.abort(Hang.Kind.HUNG_TASK, t, List.of(t), blocked(d), bound);
            }
        }
    }

    /** Under the monitor: the task is no longer waiting. */
    private static void unblock(Task t) {
        t.waiting = null;
        if (t.state == Task.State.BLOCKED) {
            t.state = Task.State.RUNNING;
        }
    }

    /** A task that must wait for itself never wakes: reported at once, detectors or not. */
    private static Stuck selfDeadlock(Task t, Wait w) {
        Resource.Blockers b = w.resource().blockers(t, w.mode());
        if (b.kind() == Resource.Blockers.Kind.ALL_OF && b.tasks().contains(t)) {
            return new Stuck(Hang.Kind.DEADLOCK, List.of(t), List.of(t));
        }
        return null;
    }

    private static List<Task> blocked(Domain d) {
        return d.tasks().stream().filter(x -> x.state == Task.State.BLOCKED).toList();
    }
}
