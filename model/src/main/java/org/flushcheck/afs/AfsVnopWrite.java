package org.flushcheck.afs;

import java.util.Arrays;

/**
 * VNOPS/afs_vnop_write.c: copying into the chunk files ({@code afs_write}), the
 * dirty-chunk limit ({@code afs_DoPartialWrite}) and {@code afs_fsync}. Called with
 * AFS_GLOCK held.
 */
public final class AfsVnopWrite {

    private AfsVnopWrite() {
    }

    /**
     * {@code afs_write} ({@code afs_UFSWrite}, noLock=0): wakes the truncate daemon if the
     * cache is filling, takes avc->lock W (556), and per chunk obtains it for writing
     * (tdc->lock W; may sleep for the drain) and writes the chunk file with GLOCK dropped
     * (osi_rdwr -> the cache fs's ->write, which may throttle: H1), marking it IFDataMod.
     * With {@code throttle} false the chunk file is written with pagecache_write_begin/end,
     * which never throttles (the safe design); a new chunk's fetch writes as the variant
     * says ({@link AfsVariant#fetchWrites}). Returns the bytes written.
     */
    public static long afs_write(CacheManager cm, VCache avc, long pos, byte[] buf, boolean throttle) {
        return afs_write(cm, avc, pos, buf, throttle, true);
    }

    /** {@link #EAGAIN}: a chunk was needed while the cache was too full, and the caller may not wait. */
    public static final long EAGAIN = -11;

    /**
     * {@code afs_write}; without {@code mayWaitForDrain} it returns {@link #EAGAIN} instead
     * of sleeping for the cache drain (bytes of earlier chunks stay written).
     */
    public static long afs_write(CacheManager cm, VCache avc, long pos, byte[] buf, boolean throttle,
            boolean mayWaitForDrain) {
        cm.glock().assertHeld();
        AfsDcache.afs_MaybeWakeupTruncateDaemon(cm);
        avc.lock.obtainWrite();
        try {
            long chunkBytes = cm.config().chunkBytes();
            long done = 0;
            while (done < buf.length) {
                long at = pos + done;
                int chunk = (int) (at / chunkBytes);
                long inChunk = at % chunkBytes;
                int n = (int) Math.min(chunkBytes - inChunk, buf.length - done);
                byte[] part = Arrays.copyOfRange(buf, (int) done, (int) done + n);
                DCache tdc = AfsDcache.afs_ObtainDCacheForWriting(cm, avc, chunk, mayWaitForDrain);
                if (tdc == null) {
                    return EAGAIN;
                }
                try {
                    cm.glock().unlock();
                    try {
                        if (throttle) {
                            cm.cachefs().write(tdc.file(), inChunk, part);
                        } else {
                            cm.cachefs().pagecache_write(tdc.file(), inChunk, part);
                        }
                    } finally {
                        cm.glock().lock();
                    }
                    tdc.dataMod = true;
                    AfsDcache.afs_AdjustSize(cm, tdc, Math.max(tdc.chunkBytes, inChunk + n));
                } finally {
                    tdc.lock.releaseWrite();
                    AfsDcache.afs_PutDCache(tdc);
                }
                done += n;
            }
            avc.length = Math.max(avc.length, pos + buf.length);
            return done;
        } finally {
            avc.lock.releaseWrite();
        }
    }

    /**
     * For a writer that may not wait for the cache drain and must decide before it starts
     * (a background writepage, which redirties only while it still holds the page lock):
     * under avc->lock W, {@code afs_ObtainDCacheForWriting} without waiting for the chunk
     * holding byte {@code pos}, keeping only its reference. Returns the chunk, which no
     * eviction can take while referenced, so an {@link #afs_write} of bytes in it never
     * waits for the drain; or null when the chunk is new and the cache too full. The caller
     * drops the reference with
     * {@link #afs_PutDCache}. GLOCK held.
     */
    public static DCache afs_HoldChunkForWriting(CacheManager cm, VCache avc, long pos) {
        cm.glock().assertHeld();
        avc.lock.obtainWrite();
        try {
            DCache tdc = AfsDcache.afs_ObtainDCacheForWriting(cm, avc,
                    (int) (pos / cm.config().chunkBytes()), false);
            if (tdc != null) {
                tdc.lock.releaseWrite();
            }
            return tdc;
        } finally {
            avc.lock.releaseWrite();
        }
    }

    /**
     * One turn of the drain wait for a writer that loops over {@link #afs_write} itself
     * (after an {@link #EAGAIN}): wakes the truncate daemon and, if the cache is still too
     * full, sleeps once (GLOCK dropped) until a drain wakes it. GLOCK held.
     */
    public static void afs_WaitForCacheDrain(CacheManager cm) {
        cm.glock().assertHeld();
        AfsDcache.afs_MaybeWakeupTruncateDaemon(cm);
        AfsDcache.afs_MaybeWaitForCacheDrain(cm);
    }

    /** {@code afs_PutDCache}: drops a reference taken by {@link #afs_HoldChunkForWriting}. GLOCK held. */
    public static void afs_PutDCache(DCache tdc) {
        AfsDcache.afs_PutDCache(tdc);
    }

    /** Dirty chunks of {@code avc} (afs_xdcache read). */
    public static int dirtyChunks(CacheManager cm, VCache avc) {
        cm.xdcache.obtainRead();
        try {
            return (int) avc.chunks.values().stream().filter(t -> t.dataMod).count();
        } finally {
            cm.xdcache.releaseRead();
        }
    }

    /**
     * {@link #afs_DoPartialWrite}'s answer in the background variant: the file is over the
     * dirty-chunk limit, and the caller queues BOP_STORE once it has released avc->lock (a
     * queue that is full sleeps on afs_brsWaiters until a daemon frees a slot, and every
     * daemon may be waiting for that avc->lock in BStore).
     */
    public static final int QUEUE_BOP_STORE = 1;

    /**
     * {@code afs_DoPartialWrite} (avc W held): over {@code afs_cacheMaxDirtyChunks} dirty
     * chunks, stores the file now (the C) or, in the background variant, returns
     * {@link #QUEUE_BOP_STORE}; the background variant also asks for the store when the
     * file has any dirty chunk while writers wait for the cache to drain, since only a
     * stored chunk can be evicted (r08). Returns 0, that, or the store's error.
     */
    public static int afs_DoPartialWrite(CacheManager cm, VCache avc) {
        int dirty = dirtyChunks(cm, avc);
        if (cm.variant().partialStoreInBackground()) {
            return dirty > cm.config().maxDirtyChunks() || (dirty > 0 && cm.waitForDrain) ? QUEUE_BOP_STORE : 0;
        }
        if (dirty <= cm.config().maxDirtyChunks()) {
            return 0;
        }
        return AfsSegments.afs_StoreAllSegments(cm, avc);
    }

    /**
     * {@code afs_fsync}: avc S (18), upgrade (41), store everything, convert back and
     * release.
     */
    public static int afs_fsync(CacheManager cm, VCache avc) {
        avc.lock.obtainShared();
        avc.lock.upgradeSToW();
        try {
            return AfsSegments.afs_StoreAllSegments(cm, avc);
        } finally {
            avc.lock.convertWToS();
            avc.lock.releaseShared();
        }
    }
}
