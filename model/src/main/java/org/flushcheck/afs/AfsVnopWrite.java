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
     * which never throttles (the safe design). Returns the bytes written.
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
     * {@link #QUEUE_BOP_STORE}. Returns 0, that, or the store's error.
     */
    public static int afs_DoPartialWrite(CacheManager cm, VCache avc) {
        if (dirtyChunks(cm, avc) <= cm.config().maxDirtyChunks()) {
            return 0;
        }
        if (cm.variant().partialStoreInBackground()) {
            return QUEUE_BOP_STORE;
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
