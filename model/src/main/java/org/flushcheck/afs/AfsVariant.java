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
 */
public record AfsVariant(StoreGuard storeGuard, boolean recursionGuard,
        boolean partialStoreInBackground, boolean flushVCacheBlocks, boolean backgroundStoreFlushesPages,
        PageErrors pageErrors) {

    /** The variants whose osi_VM_StoreAllSegments drops page errors, as every C release does. */
    public AfsVariant(StoreGuard storeGuard, boolean recursionGuard, boolean partialStoreInBackground,
            boolean flushVCacheBlocks, boolean backgroundStoreFlushesPages) {
        this(storeGuard, recursionGuard, partialStoreInBackground, flushVCacheBlocks,
                backgroundStoreFlushesPages, PageErrors.DROPPED);
    }

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
