package org.flushcheck.vm;

import org.flushcheck.sync.Gfp;

/**
 * mm/filemap.c: page-cache lookup, the buffered write loop, buffered read, and the
 * fdatawrite/fdatawait pair.
 *
 * Lock order (this file's comment in C, abridged to what the model has):
 * <pre>
 *   i_mutex                 (generic_file_aio_write)
 *     PG_locked             (grab_cache_page_write_begin)
 *       fs_reclaim          (add_to_page_cache: page allocation)
 * </pre>
 */
public final class Filemap {

    private Filemap() {
    }

    /** {@code find_lock_page}: the cached page at {@code index}, locked and still in the mapping; or null. */
    public static Page find_lock_page(AddressSpace mapping, long index) {
        while (true) {
            Page page = mapping.find_get_page(index);
            if (page == null) {
                return null;
            }
            page.bits().lock();
            if (mapping.contains(page)) {
                return page;
            }
            page.bits().unlock();
        }
    }

    /** {@code grab_cache_page_write_begin} / {@code find_or_create_page}: a locked page. */
    public static Page grab_cache_page_write_begin(AddressSpace mapping, long index, Gfp gfp) {
        while (true) {
            Page page = find_lock_page(mapping, index);
            if (page != null) {
                return page;
            }
            page = mapping.add_to_page_cache(index, gfp);
            if (page != null) {
                return page;
            }
        }
    }

    /**
     * {@code generic_perform_write}: the caller holds i_mutex. Per page: write_begin
     * (page locked), copy, write_end (unlocks), then balance_dirty_pages_ratelimited.
     * From 2.6.24 the copy runs with page faults off, so a source in the same page
     * cannot fault here; the model's source is a plain buffer.
     */
    public static long generic_perform_write(Inode inode, long pos, byte[] buf) {
        return perform_write(inode, pos, buf, true);
    }

    /** The loop of generic_perform_write, throttling after each page only if {@code throttle}. */
    static long perform_write(Inode inode, long pos, byte[] buf, boolean throttle) {
        AddressSpace mapping = inode.mapping();
        inode.iMutex().assertHeld();
        long written = 0;
        while (written < buf.length) {
            long at = pos + written;
            int offset = (int) (at % Page.PAGE_SIZE);
            int bytes = (int) Math.min(Page.PAGE_SIZE - offset, buf.length - written);
            Page page = mapping.aops().write_begin(inode, at, bytes);
            System.arraycopy(buf, (int) written, page.data(), offset, bytes);
            int status = mapping.aops().write_end(inode, at, bytes, page);
            if (status < 0) {
                return written > 0 ? written : status;
            }
            written += status;
            if (throttle) {
                PageWriteback.balance_dirty_pages_ratelimited(mapping);
            }
        }
        return written;
    }

    /**
     * {@code do_generic_file_read}: copies {@code len} bytes at {@code pos} (clipped at
     * i_size) through the page cache, reading missing pages with ->readpage.
     */
    public static byte[] generic_file_read(Inode inode, long pos, int len, Gfp gfp) {
        long end = Math.min(pos + len, inode.size());
        byte[] out = new byte[(int) Math.max(0, end - pos)];
        long at = pos;
        while (at < end) {
            long index = at / Page.PAGE_SIZE;
            int offset = (int) (at % Page.PAGE_SIZE);
            int bytes = (int) Math.min(Page.PAGE_SIZE - offset, end - at);
            Page page = grab_cache_page_write_begin(inode.mapping(), index, gfp);
            if (!page.uptodate()) {
                inode.mapping().aops().readpage(page);
                page.bits().lock();
            }
            System.arraycopy(page.data(), offset, out, (int) (at - pos), bytes);
            page.bits().unlock();
            at += bytes;
        }
        return out;
    }

    /** {@code filemap_fdatawrite}: a WB_SYNC_ALL pass over the mapping. */
    public static int filemap_fdatawrite(AddressSpace mapping) {
        return PageWriteback.do_writepages(mapping, WritebackControl.syncAll());
    }

    /** {@code filemap_fdatawait}: waits on every page under writeback; reports and clears AS_EIO. */
    public static int filemap_fdatawait(AddressSpace mapping) {
        for (Page page : mapping.taggedWriteback()) {
            PageWriteback.wait_on_page_writeback(page);
        }
        return mapping.testClearError() ? AddressSpaceOperations.EIO : 0;
    }

    /** {@code filemap_write_and_wait}. */
    public static int filemap_write_and_wait(AddressSpace mapping) {
        int err = filemap_fdatawrite(mapping);
        int wait = filemap_fdatawait(mapping);
        return err != 0 ? err : wait;
    }
}
