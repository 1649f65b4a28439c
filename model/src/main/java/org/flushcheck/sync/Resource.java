package org.flushcheck.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Something a task can hold or wait for: a lock, a page bit, an event. Every
 * primitive extends this so the choke point and the detectors treat them alike.
 *
 * <p>Waits: all state of a resource is guarded by its domain's monitor. The choke
 * point asks {@link #blockers} who a waiter depends on (all of them for a lock, any
 * of them for an event) and {@link #forceRelease} drops what an aborted task holds.
 */
public abstract class Resource {

    /**
     * Who a waiter depends on: all of {@code tasks} (a lock), any of them (an event with
     * named wakers), any live task at all (a wait queue any task may wake), or nobody
     * ever (a lock leaked with no owner left to release it).
     */
    public record Blockers(Kind kind, List<Task> tasks) {

        /** How the waiter depends on {@code tasks}. */
        public enum Kind { ALL_OF, ANY_OF, ANY_TASK, NEVER }

        public static final Blockers NONE = new Blockers(Kind.ALL_OF, List.of());
        public static final Blockers NEVER = new Blockers(Kind.NEVER, List.of());

        static Blockers allOf(List<Task> tasks) {
            return new Blockers(Kind.ALL_OF, tasks);
        }
    }

    final Domain domain;
    /** The domain's id of this resource, for footprints ({@link Footprint}). */
    final int id;
    private final LockClass lockClass;
    private final String label;

    Resource(Domain domain, LockClass lockClass, String label) {
        this.domain = Objects.requireNonNull(domain, "domain");
        this.id = domain.newId();
        this.lockClass = Objects.requireNonNull(lockClass, "lockClass");
        this.label = label == null ? lockClass.toString() : label;
    }

    public final LockClass lockClass() {
        return lockClass;
    }

    /** The instance, for reports: {@code avc->lock of vnode 1} where the class alone is ambiguous. */
    public final String label() {
        return label;
    }

    public final Domain domain() {
        return domain;
    }

    /**
     * The common blocking acquire: records the dependency, then waits in the choke point
     * until {@code grant} (run under the monitor) succeeds, and pushes the held entry
     * atomically with the grant.
     */
    final void acquire(Task t, LockClass cls, Mode mode, BooleanSupplier grant) {
        Site site = domain.site();
        domain.locally(() -> {
            t.throwIfAborted();
            mightSleep(t);
            domain.observer.dependency(t, cls, mode, site, t.held);
        });
        Held entry = new Held(this, cls, mode, site);
        ChokePoint.await(t, Wait.acquire(this, mode, site, () -> {
            if (grant.getAsBoolean()) {
                t.held.add(entry);
                domain.observer.acquired(t, entry, t.held);
                return true;
            }
            return false;
        }), null);
    }

    /** A try-acquire: no dependency (it never waits), the held entry if granted. */
    final boolean tryAcquire(Task t, LockClass cls, Mode mode, BooleanSupplier grant) {
        Site site = domain.site();
        return domain.atomicallyGet(Footprint.of(id), () -> {
            t.throwIfAborted();
            if (!grant.getAsBoolean()) {
                return false;
            }
            Held entry = new Held(this, cls, mode, site);
            t.held.add(entry);
            domain.observer.acquired(t, entry, t.held);
            return true;
        });
    }

    /** Under the monitor: {@code might_sleep()}, a BUG under a spinlock. */
    final void mightSleep(Task t) {
        if (t.spinDepth > 0) {
            throw domain.violation(LockingViolation.Rule.SLEEP_UNDER_SPINLOCK, t,
                    "may sleep on " + label + " while holding a spinlock");
        }
    }

    /** Under the monitor: the unlock-by-non-owner check; false when an aborted task unwinds. */
    final boolean checkOwner(Task t, boolean owns, Object owner) {
        if (owns) {
            return true;
        }
        if (t.abort != null) {
            return false;
        }
        throw domain.violation(LockingViolation.Rule.UNLOCK_BY_NON_OWNER, t,
                "releases " + label + " held by " + (owner == null ? "nobody" : owner));
    }

    /** {@code held} without the entries of {@code released} (a lock a wait drops). */
    static List<Held> without(List<Held> held, Resource released) {
        List<Held> out = new ArrayList<>(held.size());
        for (Held h : held) {
            if (h.resource() != released) {
                out.add(h);
            }
        }
        return out;
    }

    /** Called under the monitor: the tasks whose progress {@code waiter} needs. */
    abstract Blockers blockers(Task waiter, Mode wanted);

    /** Called under the monitor while unwinding an aborted task: drop {@code held}. */
    abstract void forceRelease(Task owner, Held held);

    @Override
    public String toString() {
        return label;
    }
}
