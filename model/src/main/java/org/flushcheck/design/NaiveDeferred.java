package org.flushcheck.design;

import org.flushcheck.afs.AfsPageOps;
import org.flushcheck.afs.AfsVariant;
import org.flushcheck.afs.CacheManager;
import org.flushcheck.detect.LockOrder;
import org.flushcheck.vm.AddressSpaceOperations;
import org.flushcheck.vm.Inode;
import org.flushcheck.vm.Page;
import org.flushcheck.vm.WritebackControl;

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
        return new AfsVariant(AfsVariant.StoreGuard.PAGEWRITERS, true, false, true);
    }

    @Override
    public AddressSpaceOperations aops(CacheManager cm) {
        return new AddressSpaceOperations() {
            @Override
            public Page write_begin(Inode inode, long pos, int len) {
                return AfsPageOps.afs_linux_write_begin(cm, inode, pos, len, true);
            }

            @Override
            public int write_end(Inode inode, long pos, int copied, Page page) {
                return AfsPageOps.afs_linux_write_end_deferred(inode, pos, copied, page);
            }

            @Override
            public int writepage(Page page, WritebackControl wbc) {
                return AfsPageOps.afs_linux_writepage_16(cm, page);
            }

            @Override
            public void readpage(Page page) {
                AfsPageOps.afs_linux_readpage(cm, page);
            }
        };
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
