package org.flushcheck.afs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.flushcheck.sync.AfsRwLock;
import org.flushcheck.sync.Event;
import org.flushcheck.sync.Poll;
import org.flushcheck.sync.TaskHandle;

/**
 * afs_daemons.c: the cache truncate daemon ({@code afs_cachetrim}) and the background
 * daemons ({@code afs_bkgd}, BOP_STORE) with their request table of NBRS slots.
 *
 * Locks: the request queue is guarded by afs_xbrs (W), under AFS_GLOCK; the completed
 * set by AFS_GLOCK.
 * Waits: {@code afs_brsDaemons} (idle daemons), {@code afs_brsWaiters} (a full table),
 * and a queued request's own completion ({@code BUWAIT}/{@code BUVALID}).
 */
public final class AfsDaemons {

    /** The truncate daemon's comm, the only task that wakes drain waiters. */
    public static final String TRUNCATE_DAEMON = "afs_cachetrim";

    /** The fixed truncate daemon's {@code afs_osi_Wait(100)} while writers starve for the drain. */
    static final long DRAIN_POLL_NANOS = 100_000_000L;
    /** The background daemons' comm. */
    public static final String BKG_DAEMON = "afs_bkgd";
    static final int NBRS = 15;
    /** How many background daemons afsd starts. */
    public static final int DAEMONS = 2;

    private final CacheManager cm;
    private final AfsRwLock xbrs;
    private final Event brsDaemons;
    private final Event brsWaiters;
    private final Event requestDone;
    private final ArrayDeque<Request> queue = new ArrayDeque<>();
    private final Set<Long> completed = new HashSet<>();
    private final List<TaskHandle> threads = new ArrayList<>();
    private long queued;

    /** A brequest: which vcache to store, and its number. */
    private record Request(long ticket, VCache avc) {
    }

    AfsDaemons(CacheManager cm) {
        this.cm = cm;
        this.xbrs = new AfsRwLock(cm.domain(), "afs_xbrs", cm.glock());
        this.brsDaemons = Event.idle(cm.domain(), "afs_brsDaemons");
        this.brsWaiters = new Event(cm.domain(), "afs_brsWaiters", BKG_DAEMON);
        this.requestDone = new Event(cm.domain(), "brequest", BKG_DAEMON);
    }

    void start(boolean truncateDaemon, int bkgDaemons) {
        if (truncateDaemon) {
            threads.add(cm.domain().spawn(TRUNCATE_DAEMON, this::afs_CacheTruncateDaemon));
        }
        for (int i = 0; i < bkgDaemons; i++) {
            threads.add(cm.domain().spawn(BKG_DAEMON, this::afs_BackgroundDaemon));
        }
    }

    void stop() {
        cm.glock().lock();
        try {
            brsDaemons.wakeup();
        } finally {
            cm.glock().unlock();
        }
    }

    List<TaskHandle> threads() {
        return threads;
    }

    /**
     * {@code afs_CacheTruncateDaemon}: under xdcache W, evicts while CacheTooFull (with
     * the B10 fix: also while anyone waits for the drain) and wakes drain waiters once the
     * cache is no longer too full; then sleeps on afs_CacheTruncateDaemon, GLOCK dropped.
     * With the fix, while writers wait for the drain, that sleep is the C's
     * {@code afs_osi_Wait(100ms)} poll ({@link Poll}): the daemon passes again every
     * {@link #DRAIN_POLL_NANOS} until they are gone. Without the fix only an eviction pass
     * that freed something wakes the waiters.
     */
    private void afs_CacheTruncateDaemon() {
        boolean fix = cm.config().truncateDaemonFix();
        Poll starving = new Poll(cm.truncateDaemonWait, DRAIN_POLL_NANOS);
        cm.glock().lock();
        try {
            while (!cm.stopped.get()) {
                List<VCache> vcaches = snapshotVCaches();
                cm.xdcache.obtainWrite();
                try {
                    if (cm.cacheTooFull || (fix && cm.waitForDrain)) {
                        int freed = AfsDcache.afs_GetDownD(cm, vcaches, 10);
                        if (freed > 0) {
                            starving.progressed();
                        }
                        if (!AfsDcache.tooFullForWriters(cm)
                                && cm.blocksUsed * 100 <= 90 * cm.cacheBlocks()) {
                            cm.cacheTooFull = false;
                        }
                        if (fix || freed > 0) {
                            AfsDcache.afs_WakeCacheWaitersIfDrained(cm);
                        }
                    }
                    if (fix) {
                        AfsDcache.afs_WakeCacheWaitersIfDrained(cm);
                    }
                } finally {
                    cm.xdcache.releaseWrite();
                }
                if (cm.stopped.get()) {
                    continue;
                }
                if (fix && cm.waitForDrain) {
                    starving.sleep(cm.glock());
                } else {
                    cm.truncateDaemonWait.sleep(cm.glock());
                }
            }
        } finally {
            cm.glock().unlock();
        }
    }

    private List<VCache> snapshotVCaches() {
        cm.xvcache.obtainRead();
        try {
            return new ArrayList<>(cm.vcaches);
        } finally {
            cm.xvcache.releaseRead();
        }
    }

    /**
     * {@code afs_BQueue(BOP_STORE)} (GLOCK held): queues a store of {@code avc} under
     * afs_xbrs, sleeping on afs_brsWaiters while all NBRS slots are busy; returns the
     * request number to wait for, or -1 if the daemons are stopped.
     */
    public long afs_BQueue(VCache avc) {
        cm.glock().assertHeld();
        xbrs.obtainWrite();
        while (queue.size() >= NBRS) {
            xbrs.releaseWrite();
            brsWaiters.sleep(cm.glock());
            xbrs.obtainWrite();
        }
        long ticket = ++queued;
        queue.add(new Request(ticket, avc));
        xbrs.releaseWrite();
        brsDaemons.wakeup();
        return ticket;
    }

    /** The BUWAIT sleep: waits (GLOCK dropped) until request {@code ticket} is done. */
    public void afs_BWait(long ticket) {
        while (!completed.remove(ticket)) {
            requestDone.sleep(cm.glock());
        }
    }

    /** {@code afs_BackgroundDaemon}: takes requests in order and runs {@code BStore}. */
    private void afs_BackgroundDaemon() {
        cm.glock().lock();
        try {
            while (true) {
                xbrs.obtainWrite();
                Request req = queue.poll();
                xbrs.releaseWrite();
                if (req == null) {
                    if (cm.stopped.get()) {
                        return;
                    }
                    brsDaemons.sleep(cm.glock());
                    continue;
                }
                brsWaiters.wakeup();
                try {
                    BStore(req.avc());
                } finally {
                    completed.add(req.ticket());
                    requestDone.wakeup();
                }
            }
        } finally {
            cm.glock().unlock();
        }
    }

    /**
     * {@code BStore}: avc->lock W (209), afs_StoreAllSegments (without the page flush when
     * the design says so), release.
     */
    private void BStore(VCache avc) {
        avc.lock.obtainWrite();
        try {
            AfsSegments.afs_StoreAllSegments(cm, avc, cm.variant().backgroundStoreFlushesPages());
        } finally {
            avc.lock.releaseWrite();
        }
    }
}
