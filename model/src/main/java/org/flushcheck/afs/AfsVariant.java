package org.flushcheck.afs;

/**
 * The release-specific choices of the AFS code that a lock design picks.
 *
 * @param storeGuard        what makes osi_VM_StoreAllSegments return without flushing
 *                          the VM: the vcache-wide CPageWrite bit (1.4, 1.6.0-1.6.11),
 *                          any pagewriter (1.6.12+), or nothing
 * @param recursionGuard    whether writepage refuses (ACTIVATE) when the guard says a
 *                          write is already in progress: CPageWrite/pagewriters
 * @param partialStoreInBackground DoPartialWrite queues BOP_STORE instead of storing
 *                          inline (the inline store is what recursed in B1)
 * @param flushVCacheBlocks osi_VM_FlushVCache calls truncate_inode_pages with AFS_GLOCK
 *                          and afs_xvcache held (C); false: it only invalidates clean,
 *                          idle pages and gives up on a busy vcache
 * @param backgroundStoreFlushesPages BStore's StoreAllSegments flushes the AFS pages first
 *                          (C, via osi_VM_StoreAllSegments); false: a background store only
 *                          stores chunks, so it never waits on a page under writeback
 * @param pageErrors        what osi_VM_StoreAllSegments does with filemap_fdatawait's
 *                          AS_EIO: the C ignores it (and fdatawait has cleared it)
 * @param fetchWrites       how afs_GetDCache writes a fetched chunk into its chunk file,
 *                          under avc->lock and tdc->lock (and, from readpage, PG_locked)
 */
public record AfsVariant(StoreGuard storeGuard, boolean recursionGuard,
        boolean partialStoreInBackground, boolean flushVCacheBlocks, boolean backgroundStoreFlushesPages,
        PageErrors pageErrors, ChunkWrites fetchWrites) {

    /** The C releases' variants: page errors dropped, fetched chunks written through the throttled ->write. */
    public AfsVariant(StoreGuard storeGuard, boolean recursionGuard, boolean partialStoreInBackground,
            boolean flushVCacheBlocks, boolean backgroundStoreFlushesPages) {
        this(storeGuard, recursionGuard, partialStoreInBackground, flushVCacheBlocks,
                backgroundStoreFlushesPages, PageErrors.DROPPED, ChunkWrites.THROTTLED);
    }

    /**
     * How a chunk file is written under AFS locks: {@code THROTTLED} through the cache fs's
     * {@code ->write} (osi_rdwr, as the C does), which may sleep in balance_dirty_pages with
     * the AFS locks held (H1's shape); {@code UNTHROTTLED} with pagecache_write_begin/end,
     * which never does.
     */
    public enum ChunkWrites { THROTTLED, UNTHROTTLED }

    /** What marks "a page write is in progress on this vcache". */
    public enum StoreGuard { CPAGEWRITE, PAGEWRITERS, NONE }

    /**
     * A writeback error osi_VM_StoreAllSegments finds: {@code DROPPED} (the C:
     * {@code filemap_fdatawait}'s result is ignored, and the wait cleared AS_EIO, so a
     * later fsync returns 0: the lost error of f01) or {@code REPORTED} (afs_StoreAllSegments
     * returns it, so fsync and close return -EIO as filemap_fdatawait would have).
     */
    public enum PageErrors { DROPPED, REPORTED }
}
