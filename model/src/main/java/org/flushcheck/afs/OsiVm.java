package org.flushcheck.afs;

import org.flushcheck.vm.AddressSpace;
import org.flushcheck.vm.Filemap;
import org.flushcheck.vm.Truncate;

/**
 * LINUX/osi_vm.c: where AFS calls back into the Linux VM on its own mapping.
 */
public final class OsiVm {

    private OsiVm() {
    }

    /**
     * {@code osi_VM_StoreAllSegments} (GLOCK and avc W held): unless the design's guard
     * says a page write is in progress (CPageWrite set, any pagewriter), releases avc and
     * GLOCK, writes and waits on the AFS mapping, and retakes them. Returns the writeback
     * error (AS_EIO) when the design reports page errors; the C returns nothing, and its
     * filemap_fdatawait has cleared the error.
     */
    static int osi_VM_StoreAllSegments(CacheManager cm, VCache avc) {
        switch (cm.variant().storeGuard()) {
            case CPAGEWRITE -> {
                if ((avc.states & VCache.CPAGEWRITE) != 0) {
                    return 0;
                }
            }
            case PAGEWRITERS -> {
                if (!AfsPageWriters.isEmpty(avc)) {
                    return 0;
                }
            }
            case NONE -> { }
        }
        int err;
        avc.lock.releaseWrite();
        cm.glock().unlock();
        try {
            AddressSpace mapping = avc.inode().mapping();
            int write = Filemap.filemap_fdatawrite(mapping);
            int wait = Filemap.filemap_fdatawait(mapping);
            err = write != 0 ? write : wait;
        } finally {
            cm.glock().lock();
            avc.lock.obtainWrite();
        }
        return cm.variant().pageErrors() == AfsVariant.PageErrors.REPORTED ? err : 0;
    }

    /** {@code osi_VM_Truncate}: truncate_inode_pages on the AFS mapping, no AFS lock held. */
    static void osi_VM_Truncate(VCache avc, long alen) {
        avc.inode().setSize(alen);
        Truncate.truncate_inode_pages(avc.inode().mapping(), alen);
    }

    /**
     * {@code osi_VM_FlushVCache} (GLOCK and afs_xvcache W held, "must not be dropped"):
     * the C truncates the whole mapping, waiting on page locks and writeback with both
     * held (§0.4, the one exception to the central invariant). The non-blocking variant
     * only drops clean, idle pages and reports a busy vcache. True if flushed.
     */
    static boolean osi_VM_FlushVCache(CacheManager cm, VCache avc) {
        AddressSpace mapping = avc.inode().mapping();
        if (cm.variant().flushVCacheBlocks()) {
            Truncate.truncate_inode_pages(mapping, 0);
            return true;
        }
        Truncate.invalidate_mapping_pages(mapping);
        return mapping.nrpages() == 0;
    }
}
