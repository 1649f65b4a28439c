package org.flushcheck.vm;

import org.flushcheck.sync.Gfp;

/**
 * mm/vmscan.c: page reclaim. Pages are tried with {@code trylock_page} only; a page
 * under writeback is kept; a dirty page is written with {@code pageout} only when the
 * allocation may enter the file system (__GFP_FS) and the era lets this reclaimer
 * write file pages (C23: from 3.2 direct reclaim never does); a clean, idle page is
 * freed. Reclaim runs inside the fs_reclaim pseudo-lock when it may enter the fs.
 */
public final class Vmscan {

    /** SWAP_CLUSTER_MAX: the pages one reclaim pass tries to free. */
    static final int SWAP_CLUSTER_MAX = 32;

    private Vmscan() {
    }

    /** Direct reclaim in the allocating task ({@code try_to_free_pages}). */
    static void try_to_free_pages(Vm vm, Gfp gfp) {
        shrink(vm, gfp, vm.kernel().directReclaimWritesFilePages(), false);
    }

    /**
     * One direct-reclaim pass over every page, whatever the memory use: what an allocation
     * under pressure would do, on demand (a scenario's {@code reclaim} operation).
     */
    public static void shrink_all(Vm vm, Gfp gfp) {
        shrink(vm, gfp, vm.kernel().directReclaimWritesFilePages(), true);
    }

    /** One kswapd pass ({@code balance_pgdat}): kswapd may always write (GFP_KERNEL). */
    static void balance_pgdat(Vm vm) {
        shrink(vm, Gfp.GFP_KERNEL, true, false);
    }

    private static void shrink(Vm vm, Gfp gfp, boolean mayWritepage, boolean everything) {
        boolean mayEnterFs = gfp.fs();
        if (mayEnterFs) {
            vm.fsReclaim().enter();
        }
        try {
            int freed = 0;
            for (Bdi bdi : vm.bdis()) {
                for (AddressSpace mapping : bdi.mappings()) {
                    for (Page page : mapping.pagesFrom(0)) {
                        if (!everything && (freed >= SWAP_CLUSTER_MAX
                                || vm.nrPages() <= vm.config().memoryPages())) {
                            return;
                        }
                        if (shrink_page(page, mayEnterFs && mayWritepage)) {
                            freed++;
                        }
                    }
                }
            }
        } finally {
            if (mayEnterFs) {
                vm.fsReclaim().exit();
            }
        }
    }

    /** {@code shrink_page_list} for one page: true if it was freed. */
    static boolean shrink_page(Page page, boolean mayWrite) {
        if (!page.bits().tryLock()) {
            return false;
        }
        AddressSpace mapping = page.mapping();
        if (!mapping.contains(page) || page.bits().isWriteback()) {
            page.bits().unlock();
            return false;
        }
        if (page.bits().isDirty()) {
            if (mayWrite && mapping.bdi().capWriteback()) {
                pageout(page);
            } else {
                page.setReclaim(true);
                page.bits().unlock();
            }
            return false;
        }
        mapping.remove(page);
        page.bits().unlock();
        return true;
    }

    /**
     * {@code pageout}: clear_page_dirty_for_io, SetPageReclaim, then ->writepage with a
     * non-blocking WB_SYNC_NONE control. ACTIVATE keeps the page (and unlocks it) without
     * setting AS_EIO: only reclaim handles it so (C12). PG_reclaim is cleared again on
     * ACTIVATE and when the page is not under writeback ("synchronous write or broken
     * a_ops?"): it stays only on a page whose writeback is in flight. An error is
     * {@code handle_write_error}'s: under the page lock, if the page is still in the
     * mapping, AS_EIO is set, so the next fsync reports the page the VM already cleaned
     * (2.6.18 to 3.x, mm/vmscan.c; a fuzzed write then reclaim lost it silently without).
     */
    static void pageout(Page page) {
        if (!PageWriteback.clear_page_dirty_for_io(page)) {
            page.bits().unlock();
            return;
        }
        page.setReclaim(true);
        WritebackControl wbc = new WritebackControl(WritebackControl.SyncMode.WB_SYNC_NONE,
                SWAP_CLUSTER_MAX, true, null);
        AddressSpace mapping = page.mapping();
        int ret = mapping.aops().writepage(page, wbc);
        if (ret == AddressSpaceOperations.AOP_WRITEPAGE_ACTIVATE) {
            page.setReclaim(false);
            page.bits().unlock();
            return;
        }
        if (!page.bits().isWriteback()) {
            page.setReclaim(false);
        }
        if (ret < 0) {
            handle_write_error(mapping, page);
        }
    }

    /** {@code handle_write_error}: the writepage unlocked the page; relock it, and flag the mapping it is still in. */
    private static void handle_write_error(AddressSpace mapping, Page page) {
        page.bits().lock();
        try {
            if (mapping.contains(page)) {
                mapping.setError();
            }
        } finally {
            page.bits().unlock();
        }
    }
}
