package org.flushcheck.afs;

import java.util.ArrayList;
import java.util.List;
import org.flushcheck.vm.Page;

/**
 * afs_dcache.c: finding and allocating chunks, the cache-full waits (98% / 95%), and
 * the truncate daemon's eviction ({@code afs_GetDownD}). Every function runs with
 * AFS_GLOCK held; the cache accounting is written under afs_xdcache.
 */
final class AfsDcache {

    private AfsDcache() {
    }

    /**
     * {@code afs_AdjustSize}: a chunk's data changed size; the cache's block count follows
     * (blocks are pages of chunk-file data, so an emptied chunk uses none).
     */
    static void afs_AdjustSize(CacheManager cm, DCache tdc, long newBytes) {
        cm.blocksUsed += blocks(newBytes) - blocks(tdc.chunkBytes);
        tdc.chunkBytes = newBytes;
    }

    private static long blocks(long bytes) {
        return (bytes + Page.PAGE_SIZE - 1) / Page.PAGE_SIZE;
    }

    /** Over 98% full, or no room for one more chunk: writers wait for the drain. */
    static boolean tooFullForWriters(CacheManager cm) {
        return cm.blocksUsed * 100 > 98 * cm.cacheBlocks()
                || cm.blocksUsed + cm.config().chunkPages() > cm.cacheBlocks();
    }

    /** {@code afs_MaybeWakeupTruncateDaemon}: over 90% by blocks sets CacheTooFull and wakes it. */
    static void afs_MaybeWakeupTruncateDaemon(CacheManager cm) {
        cm.glock().assertHeld();
        if (cm.blocksUsed * 100 > 90 * cm.cacheBlocks() || tooFullForWriters(cm)) {
            cm.cacheTooFull = true;
            cm.truncateDaemonWait.wakeup();
        }
    }

    /**
     * {@code afs_MaybeWaitForCacheDrain}: if the cache is too full, sleeps once (GLOCK
     * dropped) until a drain wakes it; the caller loops, waking the truncate daemon again.
     */
    static void afs_MaybeWaitForCacheDrain(CacheManager cm) {
        if (tooFullForWriters(cm)) {
            cm.waitForDrain = true;
            cm.countDrainWait();
            cm.waitForCacheDrain.sleep(cm.glock());
        }
    }

    /** {@code afs_WakeCacheWaitersIfDrained}: at or under 95%, wakes the drain waiters. */
    static void afs_WakeCacheWaitersIfDrained(CacheManager cm) {
        if (cm.waitForDrain && !tooFullForWriters(cm) && cm.blocksUsed * 100 <= 95 * cm.cacheBlocks()) {
            cm.waitForDrain = false;
            cm.waitForCacheDrain.wakeup();
        }
    }

    /**
     * Space was freed or chunks became evictable outside the daemon. With the B10 fix the
     * daemon polls ({@code afs_osi_Wait(100ms)}) while anyone waits for the drain, and the
     * model wakes it here as well, when its next poll would find work, so the drain costs
     * no poll interval. Without the fix nothing wakes it: that is B10.
     */
    static void afs_CacheDrainProgress(CacheManager cm) {
        if (cm.config().truncateDaemonFix() && cm.waitForDrain) {
            cm.truncateDaemonWait.wakeup();
        }
    }

    /**
     * {@code afs_GetDCache} (caller holds avc->lock W): finds or allocates the chunk under
     * afs_xdcache, takes a reference under tdc->tlock, and fetches a new chunk's data from
     * the fileserver under tdc->lock W with GLOCK dropped for the RPC. As in C ("Do not
     * fetch data beyond truncPos": maxGoodLength = min(Length, truncPos)), nothing past a
     * local truncate the fileserver has not yet been told of is fetched: its bytes there
     * are the ones the truncate cut. The fetched bytes go to the chunk file as the variant
     * says ({@link AfsVariant#fetchWrites}): through the cache fs's write, which may
     * throttle, or through pagecache_write, which never does.
     */
    static DCache afs_GetDCache(CacheManager cm, VCache avc, int chunk) {
        boolean fresh = false;
        DCache tdc;
        cm.xdcache.obtainWrite();
        try {
            tdc = avc.chunks.get(chunk);
            if (tdc == null) {
                tdc = new DCache(cm, avc, chunk, cm.cachefs().create(cm.nextCacheFile()));
                avc.chunks.put(chunk, tdc);
                fresh = true;
            }
            tdc.tlock.obtainWrite();
            tdc.refCount++;
            tdc.tlock.releaseWrite();
        } finally {
            cm.xdcache.releaseWrite();
        }
        long start = chunk * cm.config().chunkBytes();
        long maxGoodLength = Math.min(avc.length, avc.truncPos);
        if (fresh && maxGoodLength > start) {
            tdc.lock.obtainWrite();
            try {
                cm.glock().unlock();
                byte[] data;
                try {
                    data = cm.fileserver().FetchData(avc.fid(), start,
                            (int) Math.min(cm.config().chunkBytes(), maxGoodLength - start));
                    if (cm.variant().fetchWrites() == AfsVariant.ChunkWrites.THROTTLED) {
                        cm.cachefs().write(tdc.file(), 0, data);
                    } else {
                        cm.cachefs().pagecache_write(tdc.file(), 0, data);
                    }
                } finally {
                    cm.glock().lock();
                }
                afs_AdjustSize(cm, tdc, data.length);
            } finally {
                tdc.lock.releaseWrite();
            }
        }
        return tdc;
    }

    /** {@code afs_PutDCache}: drops the reference under tdc->tlock. */
    static void afs_PutDCache(DCache tdc) {
        tdc.tlock.obtainWrite();
        tdc.refCount--;
        tdc.tlock.releaseWrite();
    }

    /**
     * {@code afs_ObtainDCacheForWriting} (avc->lock W held): when a new chunk is needed and
     * the cache is too full, wakes the truncate daemon and sleeps for the drain with avc
     * released (the caller's page lock or PG_writeback stays held, §1.1), waking the
     * daemon again after each sleep while the cache stays too full (the C loop's
     * afs_MaybeWakeupTruncateDaemon after afs_MaybeFreeDiscardedDCache); returns the
     * chunk with tdc->lock W. Without {@code mayWait} it returns null instead of sleeping.
     */
    static DCache afs_ObtainDCacheForWriting(CacheManager cm, VCache avc, int chunk, boolean mayWait) {
        if (!avc.chunks.containsKey(chunk) && tooFullForWriters(cm)) {
            afs_MaybeWakeupTruncateDaemon(cm);
            if (!mayWait) {
                return null;
            }
            while (!avc.chunks.containsKey(chunk) && tooFullForWriters(cm)) {
                avc.lock.releaseWrite();
                try {
                    afs_MaybeWaitForCacheDrain(cm);
                    afs_MaybeWakeupTruncateDaemon(cm); // another writer may have taken what was freed
                } finally {
                    avc.lock.obtainWrite();
                }
            }
        }
        DCache tdc = afs_GetDCache(cm, avc, chunk);
        tdc.lock.obtainWrite();
        return tdc;
    }

    /**
     * {@code afs_GetDownD} (afs_xdcache W held): evicts up to {@code anumber} chunks that
     * hold data and are neither dirty (IFDataMod) nor referenced, truncating their cache
     * files with GLOCK dropped (CacheItems I/O under xdcache). Returns how many it freed.
     */
    static int afs_GetDownD(CacheManager cm, List<VCache> vcaches, int anumber) {
        List<DCache> victims = new ArrayList<>();
        for (VCache avc : vcaches) {
            for (DCache tdc : avc.chunks.values()) {
                if (victims.size() < anumber && !tdc.dataMod && tdc.refCount == 0 && tdc.chunkBytes > 0) {
                    victims.add(tdc);
                }
            }
        }
        for (DCache tdc : victims) {
            tdc.avc().chunks.remove(tdc.chunk());
            afs_AdjustSize(cm, tdc, 0);
            cm.glock().unlock();
            try {
                cm.cachefs().truncate(tdc.file(), 0);
            } finally {
                cm.glock().lock();
            }
        }
        cm.countEvictions(victims.size());
        return victims.size();
    }
}
