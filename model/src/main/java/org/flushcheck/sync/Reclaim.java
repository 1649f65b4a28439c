package org.flushcheck.sync;

import java.util.List;

/**
 * The {@code fs_reclaim} pseudo-lock of lockdep. An allocation that may enter the file
 * system ({@code __GFP_FS}) "acquires" it, so every lock held across such an allocation
 * gets an edge to fs_reclaim; reclaim itself (kswapd, direct reclaim) holds it while it
 * calls {@code ->writepage}, so fs_reclaim gets edges to the locks writepage takes. A
 * cycle through it is the allocation-recursion deadlock (OpenAFS B5). It never blocks
 * and many tasks may be in reclaim at once.
 */
public final class Reclaim extends Resource {

    public Reclaim(Domain domain) {
        super(domain, LockClass.of("fs_reclaim"), null);
    }

    /** {@code might_alloc(gfp)}: an allocation here may sleep and, with __GFP_FS, reclaim. */
    public void mightAlloc(Gfp gfp) {
        Task t = domain.current();
        if (!gfp.mayWait()) {
            return;
        }
        Site site = domain.site();
        domain.locally(() -> {
            t.throwIfAborted();
            mightSleep(t);
            if (gfp.fs()) {
                domain.observer.dependency(t, lockClass(), Mode.EXCLUSIVE, site, t.held);
            }
        });
    }

    /** {@code fs_reclaim_acquire}: the calling task enters reclaim. */
    public void enter() {
        Task t = domain.current();
        Site site = domain.site();
        domain.locally(() -> {
            t.throwIfAborted();
            domain.observer.dependency(t, lockClass(), Mode.EXCLUSIVE, site, t.held);
            Held entry = new Held(this, lockClass(), Mode.EXCLUSIVE, site);
            t.held.add(entry);
            domain.observer.acquired(t, entry, t.held);
        });
    }

    /** {@code fs_reclaim_release}. */
    public void exit() {
        Task t = domain.current();
        domain.locally(() -> {
            if (checkOwner(t, t.holds(this), null)) {
                t.pop(this, null);
            }
        });
    }

    @Override
    Blockers blockers(Task waiter, Mode wanted) {
        return Blockers.allOf(List.of());
    }

    @Override
    void forceRelease(Task t, Held held) {
        // nothing to wake: nobody waits on fs_reclaim
    }
}
