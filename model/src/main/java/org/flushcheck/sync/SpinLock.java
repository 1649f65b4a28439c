package org.flushcheck.sync;

import java.util.List;

/**
 * A spinlock: {@code avc->pagewriter_lock}. Single owner, not recursive; contention
 * waits in the choke point like any lock (a spin is a wait the graph must see), but
 * while a task holds one, any sleeping acquire or wait is a BUG ("sleeping function
 * called from invalid context"), checked in every sleeping primitive.
 */
public final class SpinLock extends Resource {

    private Task owner;

    public SpinLock(Domain domain, String lockClass) {
        super(domain, LockClass.of(lockClass), null);
    }

    /** {@code spin_lock}. */
    public void lock() {
        Task t = domain.current();
        Site site = domain.site();
        domain.locally(() -> {
            t.throwIfAborted();
            domain.observer.dependency(t, lockClass(), Mode.EXCLUSIVE, site, t.held);
        });
        Held entry = new Held(this, lockClass(), Mode.EXCLUSIVE, site);
        ChokePoint.await(t, Wait.acquire(this, Mode.EXCLUSIVE, site, () -> {
            if (owner != null) {
                return false;
            }
            owner = t;
            t.held.add(entry);
            t.spinDepth++;
            domain.observer.acquired(t, entry, t.held);
            return true;
        }), null);
    }

    /** {@code spin_unlock}. */
    public void unlock() {
        Task t = domain.current();
        domain.atomically(Footprint.of(id), () -> {
            if (checkOwner(t, owner == t, owner)) {
                t.pop(this, null);
                t.spinDepth--;
                owner = null;
                domain.wakeup(this);
            }
        });
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
