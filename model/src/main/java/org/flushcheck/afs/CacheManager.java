package org.flushcheck.afs;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.flushcheck.sync.AfsRwLock;
import org.flushcheck.sync.Domain;
import org.flushcheck.sync.Event;
import org.flushcheck.sync.Mode;
import org.flushcheck.sync.Mutex;
import org.flushcheck.sync.RacyFlag;
import org.flushcheck.sync.TaskHandle;
import org.flushcheck.vm.AddressSpaceOperations;
import org.flushcheck.vm.Bdi;
import org.flushcheck.vm.CacheFs;
import org.flushcheck.vm.Inode;
import org.flushcheck.vm.Vm;

/**
 * The AFS client of one run: the global locks, the cache, the fileserver and the
 * daemons, over one {@link Vm}.
 *
 * Locks (openafs-model.md §2.3, C1):
 *   AFS_GLOCK must be held for every afs_rwlock_t operation and is dropped around
 *   backing I/O and RPCs; afs_xvcache guards {@code vcaches}; afs_xdcache guards the
 *   cache accounting ({@code blocksUsed}, {@code cacheTooFull}, {@code waitForDrain})
 *   and every vcache's chunk map, and {@code cacheFiles} ({@code afs_indexUnique},
 *   checked). The statistics {@code drainWaits} and {@code evictions} are written with
 *   AFS_GLOCK held and read only by the harness (a scenario gate's observation, which
 *   the scheduler evaluates between steps; atomics for real threads).
 * Racy: {@code afs_shuttingdown} ({@code stopped}), set by shutdown with no lock and
 *   tested by the daemons; each access a scheduling point ({@link RacyFlag}).
 * Waits:
 *   {@code afs_WaitForCacheDrain}: writers while the cache is over 98% full; woken by the
 *   truncate daemon ({@code afs_cachetrim}). {@code afs_CacheTruncateDaemon}: the daemon
 *   between passes; any task may wake it.
 */
public final class CacheManager {

    private final Vm vm;
    private final AfsConfig config;
    private final AfsVariant variant;
    private final Mutex glock;
    final AfsRwLock xvcache;
    final AfsRwLock xdcache;
    private final Bdi bdi;
    private final CacheFs cachefs;
    private final Fileserver fileserver;
    private final Faults faults;
    final Event waitForCacheDrain;
    final Event truncateDaemonWait;
    final List<VCache> vcaches = new ArrayList<>();
    /** {@code afs_indexUnique}; guarded by afs_xdcache (W). */
    private long cacheFiles;
    private final AfsDaemons daemons;
    private final AtomicLong drainWaits = new AtomicLong();
    private final AtomicLong evictions = new AtomicLong();
    long blocksUsed;
    boolean cacheTooFull;
    boolean waitForDrain;
    final RacyFlag stopped;

    public CacheManager(Vm vm, AfsConfig config, AfsVariant variant, Path cacheDir) {
        this.vm = vm;
        this.config = config;
        this.variant = variant;
        Domain d = vm.domain();
        this.glock = new Mutex(d, "AFS_GLOCK");
        this.xvcache = new AfsRwLock(d, "afs_xvcache", glock);
        this.xdcache = new AfsRwLock(d, "afs_xdcache", glock);
        this.bdi = vm.bdi_register("afs", true);
        this.cachefs = new CacheFs(vm, cacheDir, config.cacheOnTmpfs());
        this.fileserver = new Fileserver(d, config.fileserverLatency());
        this.faults = new Faults(d);
        this.stopped = new RacyFlag(d, "afs_shuttingdown");
        this.waitForCacheDrain = new Event(d, "afs_WaitForCacheDrain", AfsDaemons.TRUNCATE_DAEMON);
        this.truncateDaemonWait = Event.idle(d, "afs_CacheTruncateDaemon");
        this.daemons = new AfsDaemons(this);
    }

    public Vm vm() {
        return vm;
    }

    public Domain domain() {
        return vm.domain();
    }

    public AfsConfig config() {
        return config;
    }

    public AfsVariant variant() {
        return variant;
    }

    /** AFS_GLOCK. */
    public Mutex glock() {
        return glock;
    }

    public Bdi bdi() {
        return bdi;
    }

    public CacheFs cachefs() {
        return cachefs;
    }

    public Fileserver fileserver() {
        return fileserver;
    }

    /** The errors injected into this client's functions. */
    public Faults faults() {
        return faults;
    }

    public AfsDaemons daemons() {
        return daemons;
    }

    /** A new vcache for file {@code fid} whose AFS pages use {@code aops} (the design's). */
    public VCache newVCache(long fid, AddressSpaceOperations aops) {
        VCache avc = new VCache(this, fid, aops);
        glock.lock();
        try {
            xvcache.obtainWrite();
            vcaches.add(avc);
            xvcache.releaseWrite();
        } finally {
            glock.unlock();
        }
        return avc;
    }

    /** Every vcache, a snapshot taken under afs_xvcache R (GLOCK held by the caller). */
    public List<VCache> vcaches() {
        xvcache.obtainRead();
        try {
            return new ArrayList<>(vcaches);
        } finally {
            xvcache.releaseRead();
        }
    }

    /**
     * The vcache of an AFS inode ({@code VTOAFS}: in C the inode is embedded in the vcache;
     * here the inode's i_private points back, a field rather than a map keyed by identity).
     */
    public VCache vtoafs(Inode inode) {
        return inode.fsPrivate() instanceof VCache avc ? avc : null;
    }

    /** The next cache file number ({@code afs_indexUnique}). */
    long nextCacheFile() {
        if (xdcache.heldMode() != Mode.WRITE) {
            throw new IllegalStateException("afs_indexUnique needs afs_xdcache held for write");
        }
        return ++cacheFiles;
    }

    /** Cache size in blocks (pages). */
    long cacheBlocks() {
        return (long) config.cacheChunks() * config.chunkPages();
    }

    /** How many times a writer slept on afs_WaitForCacheDrain. */
    public long drainWaits() {
        return drainWaits.get();
    }

    /** How many chunks the truncate daemon evicted. */
    public long evictions() {
        return evictions.get();
    }

    void countDrainWait() {
        glock.assertHeld();
        drainWaits.incrementAndGet();
    }

    void countEvictions(int n) {
        glock.assertHeld();
        evictions.addAndGet(n);
    }

    /** Starts the truncate daemon and the background daemons. */
    public void start() {
        start(true, AfsDaemons.DAEMONS);
    }

    /**
     * Starts the truncate daemon (or not) and {@code bkgDaemons} background daemons (at
     * most the {@value AfsDaemons#DAEMONS} afsd starts), for a model checker that
     * explores fewer threads; a daemon not started wakes nobody.
     */
    public void start(boolean truncateDaemon, int bkgDaemons) {
        if (bkgDaemons < 0 || bkgDaemons > AfsDaemons.DAEMONS) {
            throw new IllegalArgumentException("background daemons " + bkgDaemons
                    + " not in 0.." + AfsDaemons.DAEMONS);
        }
        daemons.start(truncateDaemon, bkgDaemons);
    }

    /** Stops the daemons; they exit after their current pass. */
    public void shutdown() {
        stopped.set(true);
        glock.lock();
        try {
            truncateDaemonWait.wakeup();
        } finally {
            glock.unlock();
        }
        daemons.stop();
    }

    /** The daemon tasks, for joining at the end of a run. */
    public List<TaskHandle> threads() {
        return daemons.threads();
    }
}
