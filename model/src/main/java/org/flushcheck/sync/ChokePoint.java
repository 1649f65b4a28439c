package org.flushcheck.sync;

import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The one place a model thread blocks.
 *
 * <p>Each pass, under the domain monitor: rethrow if the task was aborted; try the
 * grant; otherwise register the wait (dropping the lock the wait releases while it
 * sleeps, atomically), refuse a self-deadlock, ask the observer whether the wait can
 * ever end, enforce the hung-task bound; then release the monitor and park. Wakers
 * change state under the monitor and unpark, so no wakeup is lost between the check
 * and the park. A spurious unpark just runs another pass.
 */
final class ChokePoint {

    private ChokePoint() {
    }

    /**
     * Blocks {@code t} until {@code w} is ready. {@code dropped}, if not null, is a
     * mutex {@code t} holds that is released as the task goes to sleep; the caller
     * retakes it afterwards.
     */
    static void await(Task t, Wait w, Mutex dropped) {
        Domain d = t.domain;
        long bound = d.observer.hungTaskNanos();
        boolean registered = false;
        try {
            for (;;) {
                long parkNanos = 0;
                synchronized (d.lock) {
                    t.throwIfAborted();
                    if (w.ready()) {
                        unblock(t); // in the same section as the grant: no detector sees a granted waiter
                        return;
                    }
                    if (!registered) {
                        registered = true;
                        t.waiting = w;
                        t.state = Task.State.BLOCKED;
                        t.blockedSinceNanos = bound > 0 ? System.nanoTime() : 0;
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
                        continue;
                    }
                    if (bound > 0) {
                        long waited = System.nanoTime() - t.blockedSinceNanos;
                        if (waited >= bound) {
                            d.abort(Hang.Kind.HUNG_TASK, t, List.of(t), blocked(d), bound);
                            continue;
                        }
                        parkNanos = bound - waited;
                    }
                }
                if (parkNanos > 0) {
                    LockSupport.parkNanos(w, parkNanos);
                } else {
                    LockSupport.park(w);
                }
            }
        } finally {
            if (registered) {
                synchronized (d.lock) {
                    unblock(t);
                }
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
