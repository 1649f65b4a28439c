package org.flushcheck.afs;

import java.util.ArrayList;
import java.util.List;

/**
 * afs_segments.c: storing a file's dirty chunks to the fileserver and truncating its
 * chunks. Both are called with AFS_GLOCK and avc->lock W held.
 */
public final class AfsSegments {

    private AfsSegments() {
    }

    /**
     * {@code afs_StoreAllSegments}: first {@code osi_VM_StoreAllSegments} (flush dirty AFS
     * pages; may drop avc and GLOCK), then avc W->S; collect the dirty chunks under
     * afs_xdcache with a reference each; store them in chunk order, each under tdc->lock
     * S with GLOCK dropped for the chunk-file read and the StoreData RPC, upgrading to W to
     * clear IFDataMod; then avc S->W. One RPC per chunk (the C batches contiguous runs).
     * Without the 28eefd761 fix a dirty chunk with no bytes stays S-locked (B11).
     * Returns 0, the first RPC error, or the page flush's error where the design reports it.
     */
    public static int afs_StoreAllSegments(CacheManager cm, VCache avc) {
        return afs_StoreAllSegments(cm, avc, true);
    }

    /** As above; without {@code flushPages} only the chunks are stored (a chunks-only background store). */
    static int afs_StoreAllSegments(CacheManager cm, VCache avc, boolean flushPages) {
        int pageErr = flushPages ? OsiVm.osi_VM_StoreAllSegments(cm, avc) : 0;
        avc.lock.convertWToS();
        List<DCache> dirty = new ArrayList<>();
        cm.xdcache.obtainWrite();
        try {
            for (DCache tdc : avc.chunks.values()) {
                if (tdc.dataMod) {
                    tdc.tlock.obtainWrite();
                    tdc.refCount++;
                    tdc.tlock.releaseWrite();
                    dirty.add(tdc);
                }
            }
        } finally {
            cm.xdcache.releaseWrite();
        }
        int err = 0;
        try {
            if (avc.truncPos >= 0 && !dirty.isEmpty()) {
                err = storeStatus(cm, avc, Math.min(avc.length, avc.truncPos));
            }
            for (DCache tdc : dirty) {
                try {
                    tdc.lock.obtainShared();
                    if (tdc.chunkBytes == 0 && !cm.config().storeReleasesLeftovers()) {
                        continue; // B11: the zero-length leftover keeps tdc->lock S
                    }
                    int rc = storeChunk(cm, avc, tdc);
                    if (rc == 0) {
                        tdc.lock.upgradeSToW();
                        tdc.dataMod = false;
                        tdc.lock.releaseWrite();
                    } else {
                        err = err == 0 ? rc : err;
                        tdc.lock.releaseShared();
                    }
                } finally {
                    AfsDcache.afs_PutDCache(tdc);
                }
            }
            if (err == 0 && avc.truncPos >= 0) {
                err = storeStatus(cm, avc, avc.length);
            }
        } finally {
            avc.lock.upgradeSToW();
        }
        AfsDcache.afs_CacheDrainProgress(cm);
        return err != 0 ? err : pageErr;
    }

    private static int storeChunk(CacheManager cm, VCache avc, DCache tdc) {
        long start = tdc.chunk() * cm.config().chunkBytes();
        long length = avc.length;
        cm.glock().unlock();
        try {
            byte[] data = cm.cachefs().read(tdc.file(), 0, (int) tdc.chunkBytes);
            return cm.fileserver().StoreData(avc.fid(), start, data, length);
        } finally {
            cm.glock().lock();
        }
    }

    /**
     * {@code afs_StoreMini}: the new length after a truncate; an RPC with avc held. Before
     * a store of dirty chunks it carries the cut first ({@code min(Length, truncPos)}, as
     * StoreMini computes it): the fileserver's bytes past truncPos are the ones the
     * truncate cut, and a StoreData that extends the file again must not keep them.
     */
    private static int storeStatus(CacheManager cm, VCache avc, long length) {
        cm.glock().unlock();
        int rc;
        try {
            rc = cm.fileserver().StoreStatus(avc.fid(), length);
        } finally {
            cm.glock().lock();
        }
        if (rc == 0) {
            avc.truncPos = -1;
        }
        return rc;
    }

    /**
     * {@code afs_TruncateAllSegments} (avc W held): growing only sets the length; shrinking
     * releases avc and GLOCK for osi_VM_Truncate (truncate_inode_pages on the AFS
     * mapping), retakes them, and cuts every chunk past the new length under tdc->lock,
     * the cache file truncated with GLOCK dropped; a chunk wholly past the end keeps its
     * entry (and its IFDataMod) with no bytes, as afs_AdjustSize leaves it.
     */
    public static void afs_TruncateAllSegments(CacheManager cm, VCache avc, long alen) {
        if (alen >= avc.length) {
            avc.length = alen;
            avc.truncPos = alen;
            return;
        }
        avc.lock.releaseWrite();
        cm.glock().unlock();
        try {
            OsiVm.osi_VM_Truncate(avc, alen);
        } finally {
            cm.glock().lock();
            avc.lock.obtainWrite();
        }
        List<DCache> cut = new ArrayList<>();
        cm.xdcache.obtainWrite();
        try {
            for (DCache tdc : avc.chunks.values()) {
                if ((tdc.chunk() + 1) * cm.config().chunkBytes() > alen) {
                    cut.add(tdc);
                }
            }
        } finally {
            cm.xdcache.releaseWrite();
        }
        for (DCache tdc : cut) {
            tdc.lock.obtainShared();
            tdc.lock.upgradeSToW();
            try {
                long keep = Math.max(0, Math.min(tdc.chunkBytes, alen - tdc.chunk() * cm.config().chunkBytes()));
                cm.glock().unlock();
                try {
                    cm.cachefs().truncate(tdc.file(), keep);
                } finally {
                    cm.glock().lock();
                }
                AfsDcache.afs_AdjustSize(cm, tdc, keep);
            } finally {
                tdc.lock.releaseWrite();
            }
        }
        avc.length = alen;
        avc.truncPos = alen;
        AfsDcache.afs_CacheDrainProgress(cm);
    }
}
