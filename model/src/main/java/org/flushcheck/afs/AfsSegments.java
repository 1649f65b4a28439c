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
     * clear IFDataMod; then avc S->W. One RPC per chunk (the C batches contiguous runs);
     * each carries {@code FileLength = min(Length, truncPos)} and clears truncPos as it
     * starts ({@code afs_CacheStoreProc}). Then, if a truncate is still pending or the file
     * was extended (CExtendedFile) past what the stores reached, {@link #afs_StoreMini};
     * CExtendedFile is cleared once the store succeeded. Without the 28eefd761 fix a dirty
     * chunk with no bytes stays S-locked (B11). Returns 0, the first RPC error, or the page
     * flush's error where the design reports it.
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
        long maxStoredLength = 0;
        try {
            for (DCache tdc : dirty) {
                try {
                    tdc.lock.obtainShared();
                    if (tdc.chunkBytes == 0 && !cm.config().storeReleasesLeftovers()) {
                        continue; // B11: the zero-length leftover keeps tdc->lock S
                    }
                    // C sends a run of chunks only when it has bytes (afs_CacheStoreVCache: "if
                    // (bytes && ...)"): a StoreData of none at the chunk's base would extend the file
                    int rc = tdc.chunkBytes == 0 ? 0 : storeChunk(cm, avc, tdc);
                    if (rc == 0) {
                        maxStoredLength = Math.max(maxStoredLength,
                                tdc.chunk() * cm.config().chunkBytes() + tdc.chunkBytes);
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
        } finally {
            avc.lock.upgradeSToW();
        }
        if (err == 0) {
            if (avc.truncPos != VCache.AFS_NOTRUNC
                    || ((avc.states & VCache.CEXTENDEDFILE) != 0 && maxStoredLength < avc.length)) {
                err = afs_StoreMini(cm, avc);
            }
            avc.states &= ~VCache.CEXTENDEDFILE;
        }
        AfsDcache.afs_CacheDrainProgress(cm);
        return err != 0 ? err : pageErr;
    }

    /**
     * One chunk's StoreData ({@code afs_CacheStoreProc}): the file length it carries is
     * {@code min(Length, truncPos)}, and truncPos is cleared as the call starts: the
     * fileserver cuts the file there before writing (whether or not the call then succeeds,
     * as in C, where a failed store leaves the truncate unsent and the file's state to the
     * next store).
     */
    private static int storeChunk(CacheManager cm, VCache avc, DCache tdc) {
        long start = tdc.chunk() * cm.config().chunkBytes();
        long length = Math.min(avc.length, avc.truncPos);
        avc.truncPos = VCache.AFS_NOTRUNC;
        cm.glock().unlock();
        try {
            byte[] data = cm.cachefs().read(tdc.file(), 0, (int) tdc.chunkBytes);
            return cm.fileserver().StoreData(avc.fid(), start, data, length);
        } finally {
            cm.glock().lock();
        }
    }

    /**
     * {@code afs_StoreMini} (avc W held): a StoreData with no data at the file's length
     * carrying {@code FileLength = min(Length, truncPos)}: the fileserver cuts the file to a
     * pending truncate, then extends it to the client's length. Clears truncPos and
     * CExtendedFile first, as the C does; an RPC with avc held and GLOCK dropped.
     */
    private static int afs_StoreMini(CacheManager cm, VCache avc) {
        long length = avc.length;
        long fileLength = Math.min(length, avc.truncPos);
        avc.truncPos = VCache.AFS_NOTRUNC;
        avc.states &= ~VCache.CEXTENDEDFILE;
        cm.glock().unlock();
        try {
            return cm.fileserver().StoreData(avc.fid(), length, new byte[0], fileLength);
        } finally {
            cm.glock().lock();
        }
    }

    /**
     * {@code afs_TruncateAllSegments} (avc W held): growing sets the length and CExtendedFile
     * and leaves a pending truncate as it is; shrinking
     * releases avc and GLOCK for osi_VM_Truncate (truncate_inode_pages on the AFS
     * mapping), retakes them, and cuts every chunk past the new length under tdc->lock,
     * the cache file truncated with GLOCK dropped; a chunk wholly past the end keeps its
     * entry (and its IFDataMod) with no bytes, as afs_AdjustSize leaves it; truncPos only
     * falls ({@code if (alen < truncPos) truncPos = alen}), so a shrink then a grow still
     * sends the lower cut.
     */
    public static void afs_TruncateAllSegments(CacheManager cm, VCache avc, long alen) {
        if (alen >= avc.length) {
            avc.states |= VCache.CEXTENDEDFILE;
            avc.length = alen;
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
        if (alen < avc.truncPos) {
            avc.truncPos = alen;
        }
        AfsDcache.afs_CacheDrainProgress(cm);
    }
}
