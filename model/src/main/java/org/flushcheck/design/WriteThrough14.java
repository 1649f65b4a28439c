package org.flushcheck.design;

import java.util.List;
import org.flushcheck.afs.AfsPageOps;
import org.flushcheck.afs.AfsVariant;
import org.flushcheck.afs.CacheManager;
import org.flushcheck.detect.LockOrder;
import org.flushcheck.vm.AddressSpaceOperations;

/**
 * OpenAFS 1.4.11 as shipped: write-through with the page locked across the whole store.
 *
 * Locks: write_end runs writepage_sync with the AFS page's PG_locked held across
 * AFS_GLOCK, avc->lock, the chunk-file write and any StoreData DoPartialWrite starts;
 * writepage does the same and never sets PG_writeback, so a page being written keeps
 * its radix DIRTY tag. CPageWrite (one bit per vcache) makes a nested writepage answer
 * ACTIVATE and osi_VM_StoreAllSegments skip the VM flush (4a587356a, 5e0e1ea25).
 * Hazards it carries: B1 without CPageWrite, B2 (a page past EOF returns -EIO still
 * locked, never fixed on 1.4: C20), osi_VM_FlushVCache waiting on pages under GLOCK.
 * Copies per byte written: two (the AFS page, then the chunk file).
 */
public final class WriteThrough14 implements LockDesign {

    private final boolean cpageWrite;

    /** As shipped: with CPageWrite. */
    public WriteThrough14() {
        this(true);
    }

    /** {@code cpageWrite} false is 1.4 before 4a587356a: the B1 recursion is open. */
    public WriteThrough14(boolean cpageWrite) {
        this.cpageWrite = cpageWrite;
    }

    @Override
    public String name() {
        return cpageWrite ? "write-through-1.4" : "write-through-1.4-no-cpagewrite";
    }

    @Override
    public List<LockDesign> withoutFixes() {
        return cpageWrite ? List.of(new WriteThrough14(false)) : List.of();
    }

    @Override
    public String summary() {
        return "1.4.11: write() stores through with the AFS page locked; writepage likewise, no PG_writeback";
    }

    @Override
    public AfsVariant variant() {
        return cpageWrite
                ? new AfsVariant(AfsVariant.StoreGuard.CPAGEWRITE, true, false, true, true)
                : new AfsVariant(AfsVariant.StoreGuard.NONE, false, false, true, true);
    }

    @Override
    public AddressSpaceOperations aops(CacheManager cm) {
        return new AfsAops(cm, false,
                (inode, pos, copied, page) -> AfsPageOps.afs_linux_write_end_through(cm, inode, pos, copied,
                        page, true),
                (page, wbc) -> AfsPageOps.afs_linux_writepage_14(cm, page));
    }

    @Override
    public LockOrder lockOrder() {
        return Orders.WRITE_THROUGH;
    }

    @Override
    public LockingTable lockingTable() {
        return Tables.WRITE_THROUGH_14;
    }
}
