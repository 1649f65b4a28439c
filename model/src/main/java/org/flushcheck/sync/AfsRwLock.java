package org.flushcheck.sync;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code afs_rwlock_t}: avc->lock, afs_xvcache, afs_xdcache, tdc->lock/tlock/mflock,
 * afs_xbrs. Mirrors {@code lock.h} and {@code afs_lock.c}.
 *
 * Semantics:
 *   READ is granted unless a writer holds it (so READ coexists with SHARED, and a new
 *   reader passes queued writers); WRITE when nothing is held; SHARED when nothing
 *   exclusive is held. UpgradeSToW waits (BOOSTED) for the readers to leave;
 *   ConvertWToS/WToR/SToR never wait. NB* are try-locks. Not reentrant: W while holding
 *   W or R, R while holding W, S while holding S are self-deadlocks.
 * Locks:
 *   Every operation requires AFS_GLOCK held by the caller. A blocked obtain sleeps with
 *   AFS_GLOCK released (afs_osi_Sleep) and retakes it before it re-checks, keeping every
 *   other AFS lock: the blocking edge is "held rwlock -> AFS_GLOCK", never the reverse.
 * Waits:
 *   Readers sleep on &readers_reading, the rest on &excl_locked. Releasing W or S
 *   (Afs_Lock_ReleaseR) wakes only the readers when any wait, else the exclusive
 *   waiters; the last reader out (Afs_Lock_ReleaseW) wakes exclusive waiters first.
 *   A woken waiter re-checks its condition and sleeps again if it lost the race.
 * Invariants (guarded by the domain monitor, and by AFS_GLOCK as in C):
 *   excl is 0, SHARED or WRITE; exclOwner != null iff excl != 0;
 *   readersReading == readers.size().
 * Size: past 300 lines because it mirrors the lock.h macros and the three afs_lock.c
 *   functions one to one; split, a macro would no longer sit beside its slow path.
 */
public final class AfsRwLock extends Resource {

    private static final int READ_LOCK = 1;
    private static final int WRITE_LOCK = 2;
    private static final int SHARED_LOCK = 4;
    private static final int UPGRADE = 8;
    private static final int EXCL_LOCKS = WRITE_LOCK | SHARED_LOCK | UPGRADE;

    private final Mutex glock;
    private final Object readersReadingChannel = new Object();
    private final Object exclLockedChannel = new Object();
    private int excl;
    private int readersReading;
    private int waitStates;
    private int numWaiting;
    private Task exclOwner;
    private Task upgrading;
    private final List<Task> readers = new ArrayList<>();

    /** An rwlock of class {@code lockClass} that is used under {@code glock} (AFS_GLOCK). */
    public AfsRwLock(Domain domain, String lockClass, Mutex glock) {
        this(domain, LockClass.of(lockClass), null, glock);
    }

    public AfsRwLock(Domain domain, LockClass lockClass, String label, Mutex glock) {
        super(domain, lockClass, label);
        this.glock = glock;
    }

    /** {@code ObtainReadLock}. */
    public void obtainRead() {
        obtain(Mode.READ, READ_LOCK);
    }

    /** {@code ObtainWriteLock}. */
    public void obtainWrite() {
        obtain(Mode.WRITE, WRITE_LOCK);
    }

    /** {@code ObtainSharedLock}. */
    public void obtainShared() {
        obtain(Mode.SHARED, SHARED_LOCK);
    }

    /** {@code UpgradeSToWLock}: the caller holds SHARED; waits for readers to leave. */
    public void upgradeSToW() {
        obtain(Mode.WRITE, UPGRADE);
    }

    /** {@code NBObtainReadLock}: false is EWOULDBLOCK. */
    public boolean nbObtainRead() {
        return tryObtain(Mode.READ);
    }

    /** {@code NBObtainWriteLock}. */
    public boolean nbObtainWrite() {
        return tryObtain(Mode.WRITE);
    }

    /** {@code NBObtainSharedLock}. */
    public boolean nbObtainShared() {
        return tryObtain(Mode.SHARED);
    }

    /** {@code ConvertWToSLock}. */
    public void convertWToS() {
        Task t = enter();
        domain.atomically(Footprint.of(id), () -> {
            if (checkOwner(t, exclOwner == t && excl == WRITE_LOCK, exclOwner)) {
                excl = SHARED_LOCK;
                retag(t, Mode.WRITE, Mode.SHARED);
                if (waitStates != 0) {
                    releaseR();
                }
            }
        });
    }

    /** {@code ConvertWToRLock}. */
    public void convertWToR() {
        convertToRead(Mode.WRITE);
    }

    /** {@code ConvertSToRLock}. */
    public void convertSToR() {
        convertToRead(Mode.SHARED);
    }

    /** {@code ReleaseReadLock}. */
    public void releaseRead() {
        Task t = enter();
        domain.atomically(Footprint.of(id), () -> {
            if (checkOwner(t, readers.contains(t), readers)) {
                t.pop(this, Mode.READ);
                dropReader(t);
            }
        });
    }

    /** {@code ReleaseWriteLock}. */
    public void releaseWrite() {
        release(Mode.WRITE);
    }

    /** {@code ReleaseSharedLock}: releases S (or W after an upgrade), as the C macro does. */
    public void releaseShared() {
        release(Mode.SHARED);
    }

    /** {@code CheckLock}-style probe for assertions: the mode the caller holds, or null. */
    public Mode heldMode() {
        Task t = domain.current();
        return domain.atomicallyGet(Footprint.NONE, () -> {
            if (exclOwner == t) {
                return excl == WRITE_LOCK ? Mode.WRITE : Mode.SHARED;
            }
            return readers.contains(t) ? Mode.READ : null;
        });
    }

    /** {@code num_waiting}: tasks inside Afs_Lock_Obtain on this lock. */
    public int numWaiting() {
        return domain.atomicallyGet(Footprint.of(id), () -> numWaiting);
    }

    private Task enter() {
        Task t = domain.current();
        domain.locally(() -> {
            t.throwIfAborted();
            if (!glock.ownedBy(t)) {
                throw domain.violation(LockingViolation.Rule.RWLOCK_WITHOUT_GLOCK, t,
                        "uses " + label() + " without " + glock.label());
            }
        });
        return t;
    }

    private void obtain(Mode mode, int how) {
        Task t = enter();
        Site site = domain.site();
        boolean done = domain.atomicallyGet(Footprint.of(id), () -> {
            if (how == UPGRADE && !checkOwner(t, exclOwner == t && excl == SHARED_LOCK, exclOwner)) {
                return true;
            }
            mightSleep(t);
            List<Held> held = without(t.held, glock);
            domain.observer.dependency(t, lockClass(), mode, site,
                    how == UPGRADE ? without(held, this) : held);
            if (grant(t, how, site)) {
                return true;
            }
            numWaiting++;
            return false;
        });
        if (done) {
            return;
        }
        try {
            for (;;) {
                domain.atomically(Footprint.of(id), () -> {
                    waitStates |= how;
                    if (how == UPGRADE) {
                        upgrading = t;
                    }
                });
                Object channel = how == READ_LOCK ? readersReadingChannel : exclLockedChannel;
                ChokePoint.await(t, Wait.sleep(this, mode, site, channel), glock);
                glock.lock();
                if (domain.atomicallyGet(Footprint.of(id), () -> grant(t, how, site))) {
                    return;
                }
            }
        } finally {
            domain.atomically(Footprint.of(id), () -> {
                numWaiting--;
                if (upgrading == t) {
                    upgrading = null;
                }
            });
        }
    }

    /** Under the monitor: the grant test of the macro (fast path) or the do-while (slow path). */
    private boolean grant(Task t, int how, Site site) {
        switch (how) {
            case READ_LOCK -> {
                if ((excl & WRITE_LOCK) != 0) {
                    return false;
                }
                readersReading++;
                readers.add(t);
                hold(t, new Held(this, lockClass(), Mode.READ, site));
                return true;
            }
            case WRITE_LOCK, SHARED_LOCK -> {
                if (excl != 0 || (how == WRITE_LOCK && readersReading != 0)) {
                    return false;
                }
                excl = how;
                exclOwner = t;
                hold(t, new Held(this, lockClass(), how == WRITE_LOCK ? Mode.WRITE : Mode.SHARED, site));
                return true;
            }
            default -> { // UPGRADE
                if (readersReading != 0) {
                    return false;
                }
                excl = WRITE_LOCK;
                retag(t, Mode.SHARED, Mode.WRITE);
                return true;
            }
        }
    }

    private boolean tryObtain(Mode mode) {
        Task t = enter();
        int how = mode == Mode.READ ? READ_LOCK : mode == Mode.WRITE ? WRITE_LOCK : SHARED_LOCK;
        Site site = domain.site();
        return domain.atomicallyGet(Footprint.of(id), () -> grant(t, how, site));
    }

    private void convertToRead(Mode from) {
        Task t = enter();
        domain.atomically(Footprint.of(id), () -> {
            int bit = from == Mode.WRITE ? WRITE_LOCK : SHARED_LOCK;
            if (checkOwner(t, exclOwner == t && excl == bit, exclOwner)) {
                excl = 0;
                exclOwner = null;
                readersReading++;
                readers.add(t);
                retag(t, from, Mode.READ);
                releaseR();
            }
        });
    }

    private void release(Mode mode) {
        Task t = enter();
        domain.atomically(Footprint.of(id), () -> {
            boolean owns = exclOwner == t && (excl == WRITE_LOCK || mode == Mode.SHARED);
            if (checkOwner(t, owns, exclOwner)) {
                t.pop(this, null);
                dropExclusive();
            }
        });
    }

    /** Under the monitor: the tail of ReleaseWriteLock / ReleaseSharedLock. */
    private void dropExclusive() {
        excl = 0;
        exclOwner = null;
        if (waitStates != 0) {
            releaseR();
        }
    }

    /** Under the monitor: the tail of ReleaseReadLock. */
    private void dropReader(Task t) {
        readers.remove(t);
        if (--readersReading == 0 && waitStates != 0) {
            releaseW();
        }
    }

    /** {@code Afs_Lock_ReleaseR}: readers first. */
    private void releaseR() {
        if ((waitStates & READ_LOCK) != 0) {
            waitStates &= ~READ_LOCK;
            domain.wakeup(readersReadingChannel);
        } else {
            waitStates &= ~EXCL_LOCKS;
            domain.wakeup(exclLockedChannel);
        }
    }

    /** {@code Afs_Lock_ReleaseW}: exclusive waiters first. */
    private void releaseW() {
        if ((waitStates & EXCL_LOCKS) != 0) {
            waitStates &= ~EXCL_LOCKS;
            domain.wakeup(exclLockedChannel);
        } else {
            waitStates &= ~READ_LOCK;
            domain.wakeup(readersReadingChannel);
        }
    }

    /** Under the monitor: the caller's held entry changes mode (upgrade, convert). */
    private void retag(Task t, Mode from, Mode to) {
        Held old = t.pop(this, from);
        hold(t, new Held(this, old.lockClass(), to, domain.site()));
    }

    private void hold(Task t, Held entry) {
        t.held.add(entry);
        domain.observer.acquired(t, entry, t.held);
    }

    @Override
    Blockers blockers(Task waiter, Mode wanted) {
        List<Task> out = new ArrayList<>();
        if (exclOwner != null && waiter != upgrading
                && (wanted != Mode.READ || excl == WRITE_LOCK)) {
            out.add(exclOwner);
        }
        if (wanted == Mode.WRITE) {
            out.addAll(readers);
        }
        return Blockers.allOf(out);
    }

    @Override
    void forceRelease(Task t, Held held) {
        if (held.mode() == Mode.READ) {
            dropReader(t);
        } else if (exclOwner == t) {
            dropExclusive();
        }
    }
}
