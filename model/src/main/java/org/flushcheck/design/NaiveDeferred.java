package org.flushcheck.design;

import org.flushcheck.afs.AfsPageOps;
import org.flushcheck.afs.AfsVariant;
import org.flushcheck.afs.CacheManager;
import org.flushcheck.detect.LockOrder;
import org.flushcheck.vm.AddressSpaceOperations;

/**
 * The seed email's plan done the obvious way: write() only copies into the AFS page and
 * dirties it; the flusher's writepage moves it to the chunk file with the 1.6 writepage
 * (PG_writeback, then AFS_GLOCK -> avc->lock W -> tdc->lock W -> the chunk file's
 * ->write, which may throttle in balance_dirty_pages with avc and tdc held: H1) and
 * stores inline when DoPartialWrite finds too many dirty chunks. Everything else is 1.6.
 * Copies per byte written: one in write() (the chunk-file copy moves to writeback).
 */
public final class NaiveDeferred implements LockDesign {

    @Override
    public String name() {
        return "naive-deferred";
    }

    @Override
    public String summary() {
        return "write() only dirties the AFS page; writepage does the 1.6 store under avc->lock + tdc->lock";
    }

    @Override
    public AfsVariant variant() {
        return new AfsVariant(AfsVariant.StoreGuard.PAGEWRITERS, true, false, true, true);
    }

    @Override
    public AddressSpaceOperations aops(CacheManager cm) {
        return new AfsAops(cm, true, AfsPageOps::afs_linux_write_end_deferred,
                (page, wbc) -> AfsPageOps.afs_linux_writepage_16(cm, page));
    }

    @Override
    public LockOrder lockOrder() {
        return Orders.WRITE_THROUGH;
    }

    @Override
    public LockingTable lockingTable() {
        return Tables.NAIVE_DEFERRED;
    }
}
