package org.flushcheck.design;

import org.flushcheck.detect.LockOrder;

/**
 * The declared lock orders of the built-in designs, one tree each (STYLE.md §2; a class
 * may be taken while holding any class it is reachable from). The C releases share one
 * hierarchy (openafs-model.md §2.3-2.4 as the code really nests it); the safe design
 * drops the pagewriters spinlock and adds the background-store queue.
 */
final class Orders {

    private Orders() {
    }

    /** The chunks under avc->lock: afs_xdcache, the dcache locks, the chunk files. */
    private static final String CHUNKS = """
              afs_xdcache                 (afs_GetDCache: 280)
                tdc->tlock                (afs_GetDCache: refCount)
                AFS_GLOCK                 (afs_GetDownD: G+ after CacheItems I/O)
                i_mutex#cachefs           (afs_GetDownD -> osi_UFSTruncate)
              tdc->tlock                  (afs_PutDCache)
              tdc->lock                   (afs_ObtainDCacheForWriting: 659)
                AFS_GLOCK                 (afs_write, afs_StoreAllSegments: G+ after I/O and RPCs)
                i_mutex#cachefs           (osi_rdwr, pagecache_write_begin)
                PG_locked#cachefs         (afs_linux_read_cache)
            """;

    /** The cache file system's part, below every chunk-file access. */
    private static final String CACHE_FS = """
            i_mutex#cachefs               (osi_rdwr, osi_UFSTruncate)
              PG_locked#cachefs           (grab_cache_page_write_begin)
                PG_writeback#cachefs      (wait_on_page_writeback)
              PG_writeback#cachefs        (truncate_inode_pages)
            """;

    /**
     * A chunk-file write through the cache fs's ->write throttles (under i_mutex#cachefs,
     * and so under every AFS lock the writer holds: H1's shape). Appended to
     * {@link #CACHE_FS} by the designs whose AFS code writes chunk files that way.
     */
    private static final String CACHE_FS_THROTTLES = """
              congestion_wqh              (balance_dirty_pages)
            """;

    /** OpenAFS 1.4 and 1.6 (and the designs that keep their AFS code). */
    static final LockOrder WRITE_THROUGH = LockOrder.parse("""
            i_mutex                       (generic_file_aio_write, do_truncate, afs_linux_fsync)
              fs_reclaim                  (add_to_page_cache_lru: GFP_KERNEL)
                PG_locked                 (pageout -> handle_write_error)
              PG_locked                   (grab_cache_page_write_begin)
            I_SYNC                        (writeback_single_inode)
              PG_locked                   (write_cache_pages)
                PG_writeback              (wait_on_page_writeback)
                AFS_GLOCK                 (afs_linux_writepage_sync)
                  avc->pagewriter_lock    (afs_linux_prepare_writeback)
                avc->lock                 (afs_linux_writepage_sync: 532/537)
                afs_WaitForCacheDrain     (afs_MaybeWaitForCacheDrain)
              PG_writeback                (afs_linux_writepage: set_page_writeback)
                AFS_GLOCK                 (afs_linux_writepage)
                avc->lock                 (afs_linux_writepage: 538)
                afs_WaitForCacheDrain     (afs_MaybeWaitForCacheDrain)
            avc->lock                     (afs_write: 556)
              avc->pagewriter_lock        (afs_linux_complete_writeback)
              AFS_GLOCK                   (afs_write: G+ after the chunk-file write)
            """ + CHUNKS + CACHE_FS + CACHE_FS_THROTTLES);

    /**
     * The safe design: no pagewriters; the background store queue (afs_xbrs,
     * afs_brsWaiters) only under PG_writeback and AFS_GLOCK, never under avc->lock, which
     * every background daemon's BStore takes (r02); and no congestion_wqh below any AFS
     * lock: no chunk-file write throttles (writepage's and the fetch's go through
     * pagecache_write: r09), so a balance_dirty_pages wait under avc->lock or tdc->lock is
     * an ORDER_VIOLATION.
     */
    static final LockOrder SAFE_DEFERRED = LockOrder.parse("""
            i_mutex                       (generic_file_aio_write, do_truncate, afs_linux_fsync)
              fs_reclaim                  (add_to_page_cache_lru: GFP_KERNEL)
                PG_locked                 (pageout -> handle_write_error)
              PG_locked                   (grab_cache_page_write_begin)
              congestion_wqh              (generic_perform_write: balance_dirty_pages_ratelimited)
            I_SYNC                        (writeback_single_inode)
              PG_locked                   (write_cache_pages)
                PG_writeback              (wait_on_page_writeback)
                AFS_GLOCK                 (afs_linux_fillpage, afs_linux_write_end_extend)
                avc->lock                 (afs_linux_fillpage: 911; afs_linux_write_end_extend)
              PG_writeback                (afs_linux_writepage: set_page_writeback)
                AFS_GLOCK                 (afs_linux_writepage)
                avc->lock                 (afs_write: 556)
                afs_xvcache               (afs_linux_writepage: the files with dirty chunks)
                afs_xbrs                  (afs_BQueue: BOP_STORE from DoPartialWrite, or the cache is full)
                afs_brsWaiters            (afs_BQueue: all NBRS slots busy)
                afs_WaitForCacheDrain     (afs_MaybeWaitForCacheDrain, WB_SYNC_ALL only)
            avc->lock                     (afs_write: 556)
              AFS_GLOCK                   (afs_write: G+ after the chunk-file write)
            """ + CHUNKS + CACHE_FS);
}
