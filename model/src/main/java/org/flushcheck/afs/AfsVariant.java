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
 */
public record AfsVariant(StoreGuard storeGuard, boolean recursionGuard,
        boolean partialStoreInBackground, boolean flushVCacheBlocks, boolean backgroundStoreFlushesPages) {

    /** What marks "a page write is in progress on this vcache". */
    public enum StoreGuard { CPAGEWRITE, PAGEWRITERS, NONE }
}
