package org.flushcheck.vm;

import org.flushcheck.sync.Poll;
import org.flushcheck.vm.KernelProfile.Throttle;

/**
 * mm/page-writeback.c: dirtying, the writepage contract's bit changes, the tagged
 * writeback walk and dirty throttling.
 */
public final class PageWriteback {

    private PageWriteback() {
    }

    /**
     * {@code __set_page_dirty_nobuffers}: true if the page was clean. On a device without
     * writeback (tmpfs) only PG_dirty is set ({@code __set_page_dirty_no_writeback}).
     */
    public static boolean set_page_dirty(Page page) {
        if (page.bits().testSetDirty()) {
            return false;
        }
        AddressSpace m = page.mapping();
        if (!m.bdi().capWriteback()) {
            return true;
        }
        m.vm().accountDirty(m.bdi(), 1);
        page.setTagDirty(true);
        return true;
    }

    /**
     * {@code clear_page_dirty_for_io}: the page is locked; clears PG_reclaim (2.6.24+,
     * C17) and PG_dirty, leaving the radix DIRTY tag until set_page_writeback.
     */
    public static boolean clear_page_dirty_for_io(Page page) {
        page.bits().assertLockedByCurrentTask();
        if (page.mapping().vm().kernel() != KernelProfile.K2_6_18) {
            page.setReclaim(false);
        }
        if (page.bits().testClearDirty()) {
            AddressSpace m = page.mapping();
            m.vm().accountDirty(m.bdi(), -1);
            return true;
        }
        return false;
    }

    /** {@code redirty_page_for_writepage}: a writepage that declines puts the dirt back. */
    public static void redirty_page_for_writepage(WritebackControl wbc, Page page) {
        set_page_dirty(page);
    }

    /** {@code set_page_writeback}: page locked; moves the radix tag from DIRTY to WRITEBACK. */
    public static void set_page_writeback(Page page) {
        page.bits().setWriteback();
        page.setTagWriteback(true);
        if (!page.bits().isDirty()) {
            page.setTagDirty(false);
        }
        AddressSpace m = page.mapping();
        m.vm().accountWriteback(m.bdi(), 1);
    }

    /** {@code end_page_writeback}: clears the tag and the bit and wakes waiters. */
    public static void end_page_writeback(Page page) {
        page.setTagWriteback(false);
        page.bits().endWriteback();
        page.setReclaim(false);
        AddressSpace m = page.mapping();
        m.vm().accountWriteback(m.bdi(), -1);
    }

    /** {@code wait_on_page_writeback}. */
    public static void wait_on_page_writeback(Page page) {
        page.bits().waitOnWriteback();
    }

    /**
     * {@code write_cache_pages} (2.6.18: mpage_writepages): locks each DIRTY-tagged page
     * (blocking, even for WB_SYNC_NONE), waits on writeback for WB_SYNC_ALL and skips it
     * otherwise, clears PG_dirty and calls ->writepage.
     * ACTIVATE unlocks the page without redirtying it and, from 2.6.22 as on 2.6.18,
     * sets AS_EIO ({@code mapping_set_error}); 2.6.18 stops the pass there. Any other
     * error stops the pass.
     */
    public static int write_cache_pages(AddressSpace mapping, WritebackControl wbc) {
        KernelProfile kernel = mapping.vm().kernel();
        for (Page page : mapping.taggedDirty(0)) {
            page.bits().lock();
            if (!mapping.contains(page)) {
                page.bits().unlock();
                continue;
            }
            if (wbc.syncMode() == WritebackControl.SyncMode.WB_SYNC_ALL) {
                wait_on_page_writeback(page);
            }
            if (page.bits().isWriteback() || !clear_page_dirty_for_io(page)) {
                page.bits().unlock();
                continue;
            }
            int ret = mapping.aops().writepage(page, wbc);
            if (ret != 0) {
                mapping.setError();
            }
            if (ret == AddressSpaceOperations.AOP_WRITEPAGE_ACTIVATE) {
                page.bits().unlock();
                if (kernel == KernelProfile.K2_6_18) {
                    return 0;
                }
            } else if (ret < 0) {
                return ret;
            }
            wbc.wrote();
            if (wbc.nrToWrite() <= 0 && wbc.syncMode() == WritebackControl.SyncMode.WB_SYNC_NONE) {
                break;
            }
        }
        return 0;
    }

    /** {@code do_writepages}: AFS and the cache fs use the generic walker. */
    public static int do_writepages(AddressSpace mapping, WritebackControl wbc) {
        return write_cache_pages(mapping, wbc);
    }

    /**
     * {@code balance_dirty_pages_ratelimited}: every {@code ratelimitPages} pages a
     * dirtier calls balance_dirty_pages. The count is per mapping's kernel, not per CPU.
     */
    public static void balance_dirty_pages_ratelimited(AddressSpace mapping) {
        Vm vm = mapping.vm();
        if (vm.dirtiedTick() % vm.config().ratelimitPages() == 0) {
            balance_dirty_pages(mapping);
        }
    }

    /**
     * {@code balance_dirty_pages}, per era (openafs-model.md §5, C10): over the limit,
     * 2.6.18 writes back pages of its own mapping's bdi in the caller's context until it
     * wrote {@code write_chunk} or the global count falls under the threshold; 2.6.32
     * does so only while its bdi is over its share; 3.2+ only wakes the flusher. Between
     * tries the task waits for writeback progress or HZ/10, the kernel's congestion_wait
     * ({@link Vm#congestionWait}), and tries again.
     */
    public static void balance_dirty_pages(AddressSpace mapping) {
        balance_dirty_pages(mapping.vm(), mapping.bdi());
    }

    /** {@link #balance_dirty_pages(AddressSpace)} for a dirtier of {@code bdi}. */
    public static void balance_dirty_pages(Vm vm, Bdi bdi) {
        Throttle throttle = vm.kernel().throttle();
        long writeChunk = vm.config().ratelimitPages() * 3L / 2;
        long pagesWritten = 0;
        Poll congestionWait = vm.congestionWait();
        for (;;) {
            if (!overLimit(vm, bdi)) {
                break;
            }
            long seen = vm.writebackCompletions(); // progress since this try began, the writer's own included
            vm.flusher().wakeup();
            if (throttle != Throttle.SLEEP_ONLY) {
                WritebackControl wbc = new WritebackControl(WritebackControl.SyncMode.WB_SYNC_NONE,
                        writeChunk, false, bdi);
                FsWriteback.writeback_inodes(vm, wbc);
                pagesWritten += writeChunk - wbc.nrToWrite();
                if (pagesWritten >= writeChunk) {
                    break;
                }
            }
            congestionWait.waitUntil(() -> vm.writebackCompletions() != seen || !overLimit(vm, bdi));
        }
    }

    /** Whether a dirtier of {@code bdi} must throttle, per the era's rule. */
    static boolean overLimit(Vm vm, Bdi bdi) {
        long global = vm.nrDirty() + vm.nrWriteback();
        long thresh = vm.dirtyThresh();
        if (vm.kernel().throttle() == Throttle.GLOBAL_WRITES_BACK) {
            return global > thresh; // whatever device the dirtier writes to
        }
        if (!bdi.capWriteback()) {
            return false; // bdi_thresh 0: a device without writeback never throttles (C21)
        }
        long bdiThresh = bdiThresh(vm, bdi);
        return bdi.dirty() + bdi.writeback() > bdiThresh
                && global >= (vm.backgroundThresh() + thresh) / 2;
    }

    /**
     * {@code bdi_thresh}: the bdi's share of the dirty threshold. The kernel weighs bdis
     * by their recent writeout completions; the model splits evenly between the bdis
     * that have dirty or writeback pages, which keeps the property that matters here: a
     * bdi's limit no longer depends on the other bdis' dirt (the stacked-bdi fix).
     */
    static long bdiThresh(Vm vm, Bdi bdi) {
        long active = vm.bdis().stream().filter(b -> b.dirty() + b.writeback() > 0).count();
        return Math.max(1, vm.dirtyThresh() / Math.max(1, active));
    }
}
