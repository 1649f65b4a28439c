package org.flushcheck.sync;

import java.util.List;

/**
 * The state bits of one page: PG_locked, PG_writeback and PG_dirty.
 *
 * Locks:
 *   PG_locked is a sleeping bit lock ({@code lock_page}, {@code trylock_page},
 *   {@code unlock_page}, {@code wait_on_page_locked}). Its owner is the task that
 *   locked it; a lock whose unlock belongs to another task (I/O completion) is handed
 *   over with {@link #handOffLock}, so the wait-for graph always knows who must act.
 *   PG_writeback is "held" from {@code set_page_writeback} (page locked) until
 *   {@code end_page_writeback}, which any task may call (I/O completion). Its owner is
 *   whoever must end it: the setter, or the task it was handed to.
 *
 * Invariants:
 *   PG_writeback is set iff {@code writeback.owner != null}. Setting it needs the page
 *   locked by the caller and not already under writeback; ending it needs it set.
 *
 * Waits:
 *   {@code lock}, {@code waitUnlocked} on PG_locked; {@code waitOnWriteback} on
 *   PG_writeback. Each records a dependency on that bit's class.
 */
public final class PageBits {

    private final Domain domain;
    private final Bit locked;
    private final Bit writeback;
    private boolean dirty;
    /** The footprint id of PG_dirty, which is no lock. */
    private final int dirtyId;

    /** A page whose bits carry the classes {@code PG_locked} and {@code PG_writeback}. */
    public PageBits(Domain domain, String label) {
        this(domain, LockClass.of("PG_locked"), LockClass.of("PG_writeback"), label);
    }

    /** A page of its own classes, e.g. backing-file pages apart from AFS pages. */
    public PageBits(Domain domain, LockClass lockedClass, LockClass writebackClass, String label) {
        this.domain = domain;
        this.locked = new Bit(domain, lockedClass, label);
        this.writeback = new Bit(domain, writebackClass, label);
        this.dirtyId = domain.newId();
    }

    /** {@code lock_page}: sleeps until PG_locked is clear, then sets it. */
    public void lock() {
        Task t = domain.current();
        locked.acquire(t, locked.lockClass(), Mode.EXCLUSIVE, () -> locked.grant(t));
    }

    /** {@code trylock_page}: never sleeps. */
    public boolean tryLock() {
        Task t = domain.current();
        return locked.tryAcquire(t, locked.lockClass(), Mode.EXCLUSIVE, () -> locked.grant(t));
    }

    /** {@code unlock_page}: by the owner (or the task it was handed to). */
    public void unlock() {
        locked.release(domain.current());
    }

    /** {@code wait_on_page_locked}: waits for PG_locked to clear without taking it. */
    public void waitUnlocked() {
        locked.await(domain.current());
    }

    /** Makes {@code to} responsible for unlocking (async read completion). */
    public void handOffLock(Task to) {
        locked.handOff(domain.current(), to);
    }

    /**
     * A violation unless the calling task holds PG_locked ({@code VM_BUG_ON(!PageLocked)});
     * an aborted task rethrows its abort instead.
     */
    public void assertLockedByCurrentTask() {
        Task t = domain.current();
        domain.locally(() -> {
            t.throwIfAborted();
            if (locked.owner != t) {
                throw domain.violation(LockingViolation.Rule.NOT_HELD, t,
                        "must hold PG_locked of " + locked.label() + " (owner: " + locked.owner + ")");
            }
        });
    }

    public boolean isLocked() {
        return domain.atomicallyGet(Footprint.of(locked.id), () -> locked.owner != null || locked.leaked);
    }

    /**
     * The caller returns leaving PG_locked set with nobody to clear it (a writepage
     * error path that forgot unlock_page, OpenAFS B2). The bit stays set forever; a
     * later wait on it is a STALL.
     */
    public void leakLock() {
        locked.leak(domain.current());
    }

    /** {@code set_page_writeback}: the caller must hold PG_locked; the caller owns the writeback. */
    public void setWriteback() {
        Task t = domain.current();
        Site site = domain.site();
        domain.atomically(Footprint.of(writeback.id), () -> {
            t.throwIfAborted();
            if (locked.owner != t || writeback.owner != null) {
                throw domain.violation(LockingViolation.Rule.BAD_PAGE_STATE, t,
                        "set_page_writeback on " + locked.label() + (locked.owner != t
                                ? " without holding PG_locked" : " already under writeback"));
            }
            writeback.owner = t;
            Held entry = new Held(writeback, writeback.lockClass(), Mode.EXCLUSIVE, site);
            t.held.add(entry);
            domain.observer.acquired(t, entry, t.held);
        });
    }

    /** {@code end_page_writeback}: any task may end it; BUG when not under writeback. */
    public void endWriteback() {
        Task t = domain.current();
        domain.atomically(Footprint.of(writeback.id), () -> {
            Task owner = writeback.owner;
            if (owner == null) {
                if (t.abort != null) {
                    return;
                }
                throw domain.violation(LockingViolation.Rule.BAD_PAGE_STATE, t,
                        "end_page_writeback on " + locked.label() + " not under writeback");
            }
            owner.pop(writeback, null);
            writeback.owner = null;
            domain.wakeup(writeback);
        });
    }

    /** {@code wait_on_page_writeback}. */
    public void waitOnWriteback() {
        writeback.await(domain.current());
    }

    /** Makes {@code to} the task that will end the writeback (bio completion). */
    public void handOffWriteback(Task to) {
        writeback.handOff(domain.current(), to);
    }

    public boolean isWriteback() {
        return domain.atomicallyGet(Footprint.of(writeback.id), () -> writeback.owner != null);
    }

    /** {@code TestSetPageDirty}: sets PG_dirty, returns whether it was already set. */
    public boolean testSetDirty() {
        return domain.atomicallyGet(Footprint.of(dirtyId), () -> {
            boolean was = dirty;
            dirty = true;
            return was;
        });
    }

    /** {@code TestClearPageDirty}: clears PG_dirty, returns whether it was set. */
    public boolean testClearDirty() {
        return domain.atomicallyGet(Footprint.of(dirtyId), () -> {
            boolean was = dirty;
            dirty = false;
            return was;
        });
    }

    public boolean isDirty() {
        return domain.atomicallyGet(Footprint.of(dirtyId), () -> dirty);
    }

    @Override
    public String toString() {
        return locked.label();
    }

    /** One bit lock: PG_locked or PG_writeback of this page. */
    private static final class Bit extends Resource {

        private Task owner;
        private boolean leaked;

        Bit(Domain domain, LockClass lockClass, String label) {
            super(domain, lockClass, label);
        }

        boolean grant(Task t) {
            if (owner != null || leaked) {
                return false;
            }
            owner = t;
            return true;
        }

        void release(Task t) {
            domain.atomically(Footprint.of(id), () -> {
                if (checkOwner(t, owner == t, owner)) {
                    t.pop(this, null);
                    owner = null;
                    domain.wakeup(this);
                }
            });
        }

        void leak(Task t) {
            domain.atomically(Footprint.of(id), () -> {
                if (checkOwner(t, owner == t, owner)) {
                    t.pop(this, null);
                    owner = null;
                    leaked = true;
                }
            });
        }

        void await(Task t) {
            Site site = domain.site();
            domain.locally(() -> {
                t.throwIfAborted();
                mightSleep(t);
                domain.observer.dependency(t, lockClass(), Mode.EXCLUSIVE, site, t.held);
            });
            ChokePoint.await(t, Wait.until(this, site, () -> owner == null && !leaked), null);
        }

        void handOff(Task from, Task to) {
            domain.atomically(Footprint.of(id), () -> {
                if (checkOwner(from, owner == from, owner)) {
                    to.held.add(from.pop(this, null));
                    owner = to;
                }
            });
        }

        @Override
        Blockers blockers(Task waiter, Mode wanted) {
            if (leaked) {
                return Blockers.NEVER;
            }
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
}
