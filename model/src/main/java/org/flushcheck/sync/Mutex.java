package org.flushcheck.sync;

import java.util.List;

/**
 * A sleeping mutex: AFS_GLOCK ({@code afs_global_lock}), {@code struct mutex},
 * {@code inode->i_mutex}.
 *
 * Semantics (mutex-design.rst): one owner; only the owner unlocks; not recursive, so
 * a second lock by the owner is a self-deadlock, reported at once; a task may not
 * exit holding it; taking it may sleep, so never under a spinlock. Nesting two
 * mutexes of one class needs {@link #lockNested}, like {@code mutex_lock_nested}.
 *
 * Invariants: {@code owner} is the only task whose held stack has this mutex.
 */
public final class Mutex extends Resource {

    private Task owner;

    public Mutex(Domain domain, String lockClass) {
        this(domain, LockClass.of(lockClass), null);
    }

    public Mutex(Domain domain, LockClass lockClass, String label) {
        super(domain, lockClass, label);
    }

    /** {@code mutex_lock}. */
    public void lock() {
        lock(lockClass());
    }

    /** {@code mutex_lock_nested(m, subclass)}: the same class nested under another instance. */
    public void lockNested(String subclass) {
        lock(lockClass().nested(subclass));
    }

    private void lock(LockClass cls) {
        Task t = domain.current();
        acquire(t, cls, Mode.EXCLUSIVE, () -> grant(t));
    }

    /** {@code mutex_trylock}. */
    public boolean tryLock() {
        Task t = domain.current();
        return tryAcquire(t, lockClass(), Mode.EXCLUSIVE, () -> grant(t));
    }

    /** {@code mutex_unlock}: by the owner only. */
    public void unlock() {
        Task t = domain.current();
        domain.atomically(Footprint.of(id), () -> {
            if (checkOwner(t, owner == t, owner)) {
                t.pop(this, null);
                owner = null;
                domain.wakeup(this);
            }
        });
    }

    /** {@code mutex_is_locked}. */
    public boolean isLocked() {
        return domain.atomicallyGet(Footprint.of(id), () -> owner != null);
    }

    /** True when the calling task owns it ({@code ISAFS_GLOCK()} for the GLOCK). */
    public boolean isHeldByCurrentTask() {
        Task t = domain.current();
        return domain.atomicallyGet(Footprint.NONE, () -> owner == t);
    }

    /**
     * {@code lockdep_assert_held}: a violation unless the calling task owns it. An aborted
     * task, which the abort made drop everything, rethrows its abort instead.
     */
    public void assertHeld() {
        Task t = domain.current();
        domain.locally(() -> {
            t.throwIfAborted();
            if (owner != t) {
                throw domain.violation(LockingViolation.Rule.NOT_HELD, t,
                        "must hold " + label() + " (owner: " + owner + ")");
            }
        });
    }

    private boolean grant(Task t) {
        if (owner != null) {
            return false;
        }
        owner = t;
        return true;
    }

    /** Under the monitor: a sleep that drops this mutex (afs_osi_Sleep, rwlock waits) releases it. */
    void releaseForSleep(Task t) {
        if (owner == t) {
            t.pop(this, null);
            owner = null;
            domain.wakeup(this);
        }
    }

    /** Under the monitor. */
    boolean ownedBy(Task t) {
        return owner == t;
    }

    @Override
    Blockers blockers(Task waiter, Mode wanted) {
        return Blockers.allOf(owner == null ? List.of() : List.of(owner));
    }

    @Override
    void forceRelease(Task t, Held held) {
        if (owner == t) {
            owner = null;
            domain.wakeup(this);
        }
    }
}
