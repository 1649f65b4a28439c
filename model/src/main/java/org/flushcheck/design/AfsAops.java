package org.flushcheck.design;

import org.flushcheck.afs.AfsPageOps;
import org.flushcheck.afs.CacheManager;
import org.flushcheck.vm.AddressSpaceOperations;
import org.flushcheck.vm.Inode;
import org.flushcheck.vm.Page;
import org.flushcheck.vm.WritebackControl;

/**
 * AFS address_space_operations assembled from the parts a design chooses: whether
 * write_begin fills a partial page first, and its write_end and writepage. readpage is
 * the same for every design ({@code afs_linux_readpage}).
 */
public record AfsAops(CacheManager cm, boolean fillPartialPages, WriteEnd writeEnd, Writepage writepage)
        implements AddressSpaceOperations {

    /** A design's ->write_end. */
    @FunctionalInterface
    public interface WriteEnd {
        int write_end(Inode inode, long pos, int copied, Page page);
    }

    /** A design's ->writepage. */
    @FunctionalInterface
    public interface Writepage {
        int writepage(Page page, WritebackControl wbc);
    }

    @Override
    public Page write_begin(Inode inode, long pos, int len) {
        return AfsPageOps.afs_linux_write_begin(cm, inode, pos, len, fillPartialPages);
    }

    @Override
    public int write_end(Inode inode, long pos, int copied, Page page) {
        return writeEnd.write_end(inode, pos, copied, page);
    }

    @Override
    public int writepage(Page page, WritebackControl wbc) {
        int injected = cm.faults().fail("afs_linux_writepage");
        if (injected != 0) {
            page.bits().unlock();
            return injected;
        }
        return writepage.writepage(page, wbc);
    }

    @Override
    public void readpage(Page page) {
        AfsPageOps.afs_linux_readpage(cm, page);
    }
}
