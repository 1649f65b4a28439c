package org.flushcheck.sync;

import java.util.Collection;
import java.util.List;

/**
 * What the detectors see of the sync layer. Every method is called under the domain
 * monitor, so an implementation sees a consistent world and needs no locking of its
 * own; it must not block. {@link #NONE} turns every detector off: locks still work and
 * a recursive acquire is still a self-deadlock, but a cycle simply hangs.
 */
public interface Observer {

    Observer NONE = new Observer() { };

    /** Whether acquisitions record their call site (a stack walk each). */
    default boolean recordsSites() {
        return false;
    }

    /** Whether sites also keep their callers (a full stack walk each; for locking tables). */
    default boolean recordsCallers() {
        return false;
    }

    /**
     * {@code task} is about to block on (or may block on) {@code lockClass} in
     * {@code mode} while holding {@code held}: a dependency held -> lockClass. Locks the
     * wait releases while it sleeps (AFS_GLOCK for an rwlock) are not in {@code held}.
     */
    default void dependency(Task task, LockClass lockClass, Mode mode, Site site, List<Held> held) {
    }

    /**
     * {@code task} now holds {@code acquired} (any way: a granted wait, a trylock,
     * set_page_writeback, an upgrade); {@code held} is its whole held stack, including it.
     */
    default void acquired(Task task, Held acquired, List<Held> held) {
    }

    /** {@code task} wakes {@code event} while holding {@code held}: the event needs them. */
    default void wakeup(Task task, LockClass event, Site site, List<Held> held) {
    }

    /** Before {@code task} parks: the stuck set if its wait (or another) can never end. */
    default Stuck checkPark(Task task, Collection<Task> tasks) {
        return null;
    }

    /** After {@code task} exited: the stuck set if a wait depended on it. */
    default Stuck checkExit(Task task, Collection<Task> tasks) {
        return null;
    }

    /** The hung-task bound in nanoseconds; 0 disables the watchdog. */
    default long hungTaskNanos() {
        return 0;
    }

    /** A hang was detected and its tasks are being aborted. */
    default void hang(Hang hang) {
    }

    /** A strict rule was broken. */
    default void violation(LockingViolation violation) {
    }
}
