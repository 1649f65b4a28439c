package org.flushcheck.design;

import org.flushcheck.afs.AfsPageOps;
import org.flushcheck.afs.AfsVariant;
import org.flushcheck.afs.CacheManager;
import org.flushcheck.detect.LockOrder;
import org.flushcheck.vm.AddressSpaceOperations;

/**
 * OpenAFS 1.6 with pagewriters (1.6.12+): write-through on write(), and a writepage that
 * sets PG_writeback and unlocks the page before the store (5e99d56cf).
 *
 * Locks: write_end as in 1.4 (PG_locked across the store; the guard's answer ignored,
 * b8e4c573a). writepage: PG_locked -> AFS_GLOCK -> avc->lock (537) for the pagewriters
 * check, then PG_writeback only across AFS_GLOCK -> avc->lock -> tdc->lock -> the chunk
 * file, drain waits and DoPartialWrite's StoreData. osi_VM_StoreAllSegments returns early
 * while any task is a pagewriter (H6). PageReclaim still answers ACTIVATE.
 * Copies per byte written: two.
 */
public final class PageWriteback16 implements LockDesign {

    @Override
    public String name() {
        return "page-writeback-1.6";
    }

    @Override
    public String summary() {
        return "1.6.12+: write() stores through; writepage sets PG_writeback and unlocks before the store";
    }

    @Override
    public AfsVariant variant() {
        return new AfsVariant(AfsVariant.StoreGuard.PAGEWRITERS, true, false, true, true);
    }

    @Override
    public AddressSpaceOperations aops(CacheManager cm) {
        return new AfsAops(cm, false,
                (inode, pos, copied, page) -> AfsPageOps.afs_linux_write_end_through(cm, inode, pos, copied,
                        page, false),
                (page, wbc) -> AfsPageOps.afs_linux_writepage_16(cm, page));
    }

    @Override
    public LockOrder lockOrder() {
        return Orders.WRITE_THROUGH;
    }

    @Override
    public LockingTable lockingTable() {
        return Tables.PAGE_WRITEBACK_16;
    }
}
