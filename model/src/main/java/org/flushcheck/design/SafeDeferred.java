package org.flushcheck.design;

import java.util.Arrays;
import org.flushcheck.afs.AfsPageOps;
import org.flushcheck.afs.AfsVariant;
import org.flushcheck.afs.AfsVnopWrite;
import org.flushcheck.afs.CacheManager;
import org.flushcheck.afs.DCache;
import org.flushcheck.afs.VCache;
import org.flushcheck.detect.LockOrder;
import org.flushcheck.vm.AddressSpaceOperations;
import org.flushcheck.vm.Page;
import org.flushcheck.vm.PageWriteback;
import org.flushcheck.vm.WritebackControl;

/**
 * Deferred writes that do not deadlock: write() copies once, into the AFS page, and
 * dirties it; writepage alone moves the page to the chunk file.
 *
 * Lock order: the tree in {@link Orders#SAFE_DEFERRED}. Its spine is
 *   i_mutex -> PG_locked -> AFS_GLOCK -> avc->lock -> tdc->lock -> chunk-file locks
 * with PG_writeback in place of PG_locked on the writeback side, and no edge ever
 * pointing back up it. Why each known cycle cannot close:
 *   B1 (writeback recursion): writepage never stores to the fileserver and never calls
 *     filemap_fdatawrite; DoPartialWrite queues BOP_STORE for a daemon that holds no page.
 *     So no recursion guard is needed, and osi_VM_StoreAllSegments always flushes (H6).
 *   H1 (stacked-bdi throttling): no chunk-file write throttles under an AFS lock. The chunk
 *     file is written with pagecache_write_begin/end (no balance_dirty_pages), by writepage
 *     and by afs_GetDCache's fetch alike (r09: the fetch's throttled ->write held the page,
 *     avc->lock and tdc->lock); the declared order has no congestion_wqh below any AFS lock,
 *     so the detectors report one as an ORDER_VIOLATION; the cache bdi's dirty pages are
 *     cleaned by its own flusher, and a writer throttled on the global count counts the
 *     AFS pages it wrote back, so on 2.6.18 it leaves after write_chunk of them.
 *   Reclaim: writepage from reclaim (wbc->for_reclaim) redirties and returns, so
 *     fs_reclaim never reaches AFS_GLOCK or an AFS rwlock (B5's shape).
 *   osi_VM_FlushVCache: never waits on a page under AFS_GLOCK + afs_xvcache; it drops only
 *     clean idle pages and gives up on a busy vcache.
 *   Drain waits: a writepage sleeping for the cache drain holds only PG_writeback of its
 *     page; the truncate daemon takes AFS_GLOCK, afs_xvcache, afs_xdcache and chunk-file
 *     locks, never an AFS page, so it always runs; B10 and B11 fixes are assumed.
 *   B2: a page past EOF gets writeback set and ended; the page is always unlocked.
 * Fixes from issue 15 (each with its scenario):
 *   r01/r03: write_end extends avc->f.m.Length when it extends i_size, so afs_setattr never
 *     takes a truncate below unwritten bytes for a grow: truncate_inode_pages drops their
 *     pages and waits for one in flight before the chunks are cut.
 *   r02: writepage queues BOP_STORE only after releasing avc->lock (BStore takes it); the
 *     declared order has no afs_xbrs or afs_brsWaiters under avc->lock.
 *   r05: fsync and close return the AS_EIO of a failed writeback (PageErrors.REPORTED).
 * Fixes from issue 27:
 *   r08: background writepage (WB_SYNC_NONE) holds its chunk while the page is still locked
 *     (afs_HoldChunkForWriting), and when the cache is too full redirties there and never
 *     after starting a writeback it cannot finish: umount's sync walk had passed the clean
 *     page and waited out its writeback, losing its bytes. WB_SYNC_ALL loops: queue the
 *     chunk stores, sleep once for the drain, try again.
 *   r09: the fetch of a new chunk never throttles (above).
 *   r10: a long drain is a long run, not a stuck one (the explorer's step bound).
 * Invariants: a page is clean only after its bytes are in its chunk file; a chunk is
 *   clean only after StoreData; fsync flushes pages, then chunks, with no AFS lock held
 *   across the page flush, and reports the flush's error; the vcache's length covers
 *   every byte write() has returned for.
 * Copies per byte written: one in write() (AFS page), one in writeback (chunk file).
 */
public final class SafeDeferred implements LockDesign {

    @Override
    public String name() {
        return "safe-deferred";
    }

    @Override
    public String summary() {
        return "write() only dirties; writepage copies to the chunk file without throttling, "
                + "stores in the background";
    }

    @Override
    public AfsVariant variant() {
        return new AfsVariant(AfsVariant.StoreGuard.NONE, false, true, false, false,
                AfsVariant.PageErrors.REPORTED, AfsVariant.ChunkWrites.UNTHROTTLED);
    }

    @Override
    public AddressSpaceOperations aops(CacheManager cm) {
        return new AfsAops(cm, true,
                (inode, pos, copied, page) -> AfsPageOps.afs_linux_write_end_extend(cm, inode, pos,
                        copied, page),
                (page, wbc) -> afs_linux_writepage(cm, page, wbc));
    }

    /**
     * The safe writepage: from reclaim, redirty and return. Background writeback
     * (WB_SYNC_NONE) first, with the page still locked, holds the page's chunk
     * ({@link AfsVnopWrite#afs_HoldChunkForWriting}); when the chunk is new and the cache
     * too full it redirties, unlocks and queues a chunks-only BOP_STORE for every file with
     * dirty chunks (the only way the drain can come), never starting a writeback it would
     * not finish (r08). Otherwise set PG_writeback, snapshot the page's bytes and unlock
     * it; G+, afs_write without throttling (avc W, tdc W, chunk file via pagecache_write);
     * data-integrity writeback (WB_SYNC_ALL) that finds the cache too full loops: queue
     * those stores, sleep once for the drain, try again; DoPartialWrite under avc W, then with avc
     * released its BOP_STORE (afs_BQueue may sleep for a free slot), G-; end the writeback.
     */
    static int afs_linux_writepage(CacheManager cm, Page page, WritebackControl wbc) {
        if (wbc.forReclaim()) {
            PageWriteback.redirty_page_for_writepage(wbc, page);
            page.bits().unlock();
            return 0;
        }
        VCache avc = cm.vtoafs(page.mapping().host());
        int count = AfsPageOps.bytesInFile(page);
        boolean sync = wbc.syncMode() == WritebackControl.SyncMode.WB_SYNC_ALL;
        DCache held = null;
        if (count > 0 && !sync) {
            cm.glock().lock();
            try {
                held = AfsVnopWrite.afs_HoldChunkForWriting(cm, avc, page.offset());
            } finally {
                cm.glock().unlock();
            }
            if (held == null) {
                PageWriteback.redirty_page_for_writepage(wbc, page);
                page.bits().unlock();
                cm.glock().lock();
                try {
                    storeDirtyChunks(cm);
                } finally {
                    cm.glock().unlock();
                }
                return 0;
            }
        }
        PageWriteback.set_page_writeback(page);
        byte[] data = Arrays.copyOf(page.data(), count);
        page.setUptodate();
        page.bits().unlock();
        try {
            if (count > 0) {
                cm.glock().lock();
                try {
                    while (AfsVnopWrite.afs_write(cm, avc, page.offset(), data, false, false)
                            == AfsVnopWrite.EAGAIN) { // only WB_SYNC_ALL: a held chunk needs no drain
                        storeDirtyChunks(cm); // again each turn: chunks dirtied while it slept (r08)
                        AfsVnopWrite.afs_WaitForCacheDrain(cm);
                    }
                    int partial;
                    avc.lock().obtainWrite();
                    try {
                        partial = AfsVnopWrite.afs_DoPartialWrite(cm, avc);
                    } finally {
                        avc.lock().releaseWrite();
                    }
                    if (partial == AfsVnopWrite.QUEUE_BOP_STORE) {
                        cm.daemons().afs_BQueue(avc); // never under avc->lock: BStore needs it
                    }
                } finally {
                    if (held != null) {
                        AfsVnopWrite.afs_PutDCache(held);
                    }
                    cm.glock().unlock();
                }
            }
        } finally {
            PageWriteback.end_page_writeback(page);
        }
        return 0;
    }

    /** Queues a chunks-only BOP_STORE for every file with dirty chunks (GLOCK held). */
    private static void storeDirtyChunks(CacheManager cm) {
        for (VCache v : cm.vcaches()) {
            if (AfsVnopWrite.dirtyChunks(cm, v) > 0) {
                cm.daemons().afs_BQueue(v);
            }
        }
    }

    @Override
    public LockOrder lockOrder() {
        return Orders.SAFE_DEFERRED;
    }

    @Override
    public LockingTable lockingTable() {
        return Tables.SAFE_DEFERRED;
    }
}
