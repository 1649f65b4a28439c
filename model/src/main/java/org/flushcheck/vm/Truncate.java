package org.flushcheck.vm;

import java.util.Arrays;
import org.flushcheck.sync.AtomicSteps;

/**
 * mm/truncate.c: {@code truncate_inode_pages} (2.6.18 shape, §5). Documented as called
 * under (and serialised by) i_mutex; the model does not assert it, because OpenAFS's
 * osi_VM_FlushVCache calls it without the inode lock, holding AFS_GLOCK instead.
 */
public final class Truncate {

    private Truncate() {
    }

    /**
     * Drops every page from byte {@code lstart} on. Pass 1 trylocks and skips pages
     * under writeback; the partial page is locked and waited on; pass 2 locks every
     * remaining page and waits on its writeback. Dropped dirty pages are cancelled.
     */
    public static void truncate_inode_pages(AddressSpace mapping, long lstart) {
        long start = (lstart + Page.PAGE_SIZE - 1) / Page.PAGE_SIZE;
        int partial = (int) (lstart % Page.PAGE_SIZE);
        for (Page page : mapping.pagesFrom(start)) {
            if (!page.bits().tryLock()) {
                continue;
            }
            if (page.bits().isWriteback()) {
                page.bits().unlock();
                continue;
            }
            truncate_complete_page(page);
        }
        if (partial != 0) {
            Page page = Filemap.find_lock_page(mapping, start - 1);
            if (page != null) {
                PageWriteback.wait_on_page_writeback(page);
                AtomicSteps.bulk(() -> Arrays.fill(page.data(), partial, Page.PAGE_SIZE, (byte) 0));
                page.bits().unlock();
            }
        }
        for (Page page : mapping.pagesFrom(start)) {
            page.bits().lock();
            PageWriteback.wait_on_page_writeback(page);
            if (mapping.contains(page)) {
                truncate_complete_page(page);
            } else {
                page.bits().unlock();
            }
        }
    }

    /**
     * {@code invalidate_mapping_pages}: drops the clean, unlocked, idle pages and never
     * blocks; dirty, locked and writeback pages stay.
     */
    public static void invalidate_mapping_pages(AddressSpace mapping) {
        for (Page page : mapping.pagesFrom(0)) {
            if (!page.bits().tryLock()) {
                continue;
            }
            if (page.bits().isDirty() || page.bits().isWriteback() || !mapping.contains(page)) {
                page.bits().unlock();
                continue;
            }
            mapping.remove(page);
            page.bits().unlock();
        }
    }

    /** {@code truncate_complete_page}: cancel dirty accounting, remove, unlock. */
    private static void truncate_complete_page(Page page) {
        AddressSpace mapping = page.mapping();
        if (page.bits().testClearDirty()) {
            mapping.vm().accountDirty(mapping.bdi(), -1);
        }
        page.setTagDirty(false);
        mapping.remove(page);
        page.bits().unlock();
    }
}
