package org.flushcheck.afs;

import java.util.Arrays;
import org.flushcheck.sync.AtomicSteps;
import org.flushcheck.sync.Gfp;
import org.flushcheck.vm.AddressSpaceOperations;
import org.flushcheck.vm.Filemap;
import org.flushcheck.vm.Inode;
import org.flushcheck.vm.Page;
import org.flushcheck.vm.PageWriteback;

/**
 * LINUX/osi_vnodeops.c, the page half: the bodies of write_begin, write_end, writepage
 * and readpage as the releases wrote them. Lock designs compose their
 * address_space_operations from these.
 */
public final class AfsPageOps {

    private AfsPageOps() {
    }

    /**
     * write_begin: the page, locked ({@code grab_cache_page_write_begin}); with
     * {@code fill}, a partial write of a page not up to date first reads it
     * ({@code afs_linux_prepare_write} -> fillpage, 1.8.9+): a deferred design writes back
     * whole pages, so the rest of the page must hold the file's bytes.
     */
    public static Page afs_linux_write_begin(CacheManager cm, Inode inode, long pos, int len, boolean fill) {
        Page page = Filemap.grab_cache_page_write_begin(inode.mapping(), pos / Page.PAGE_SIZE,
                Gfp.GFP_KERNEL);
        if (fill && !page.uptodate() && len < Page.PAGE_SIZE) {
            afs_linux_fillpage(cm, cm.vtoafs(inode), page);
        }
        return page;
    }

    /**
     * write_end of the write-through releases ({@code afs_linux_commit_write}): extends
     * i_size, runs writepage_sync with the page still locked, unlocks. With
     * {@code honourGuard} (1.4.11) a refused guard returns ACTIVATE, which the VFS counts
     * as bytes written (b8e4c573a); 1.6 ignores the guard's answer on this path.
     */
    public static int afs_linux_write_end_through(CacheManager cm, Inode inode, long pos, int copied,
            Page page, boolean honourGuard) {
        if (pos + copied > inode.size()) {
            inode.setSize(pos + copied);
        }
        int offset = (int) (pos % Page.PAGE_SIZE);
        try {
            int ret = afs_linux_writepage_sync(cm, cm.vtoafs(inode), page, offset, copied, honourGuard);
            return ret == AddressSpaceOperations.AOP_WRITEPAGE_ACTIVATE ? copied : ret;
        } finally {
            page.bits().unlock();
        }
    }

    /** write_end of a deferred design: the page is up to date and dirty; nothing else. */
    public static int afs_linux_write_end_deferred(Inode inode, long pos, int copied, Page page) {
        page.setUptodate();
        if (pos + copied > inode.size()) {
            inode.setSize(pos + copied);
        }
        PageWriteback.set_page_dirty(page);
        page.bits().unlock();
        return copied;
    }

    /**
     * write_end of the safe deferred design: as {@link #afs_linux_write_end_deferred}, and
     * a write that extends i_size (guarded by the i_mutex write() holds) first extends the
     * vcache's length ({@code avc->f.m.Length}) under GLOCK and avc->lock W, as afs_write
     * does in the write-through releases: afs_setattr decides "shrink" by that length, so a
     * length that waits for writeback lets a truncate skip truncate_inode_pages and keep
     * the cut bytes in dirty pages or in a writeback already in flight.
     */
    public static int afs_linux_write_end_extend(CacheManager cm, Inode inode, long pos, int copied,
            Page page) {
        long end = pos + copied;
        if (end > inode.size()) {
            VCache avc = cm.vtoafs(inode);
            try {
                cm.glock().lock();
                try {
                    avc.lock.obtainWrite();
                    avc.length = Math.max(avc.length, end);
                    avc.lock.releaseWrite();
                } finally {
                    cm.glock().unlock();
                }
            } catch (RuntimeException | Error e) {
                page.bits().unlock();
                throw e;
            }
        }
        return afs_linux_write_end_deferred(inode, pos, copied, page);
    }

    /**
     * 1.4.11 {@code afs_linux_writepage} (§1.2): PageReclaim -> ACTIVATE; a page wholly
     * past EOF returns -EIO with the page still locked (B2, never fixed on 1.4: C20);
     * otherwise writepage_sync with the page locked across the whole store; ACTIVATE
     * leaves it locked; no PG_writeback ever.
     */
    public static int afs_linux_writepage_14(CacheManager cm, Page page) {
        Inode inode = page.mapping().host();
        if (page.reclaim()) {
            return AddressSpaceOperations.AOP_WRITEPAGE_ACTIVATE;
        }
        if (page.offset() >= inode.size()) {
            page.bits().leakLock();
            return AddressSpaceOperations.EIO;
        }
        int ret = afs_linux_writepage_sync(cm, cm.vtoafs(inode), page, 0, bytesInFile(page), true);
        if (ret == AddressSpaceOperations.AOP_WRITEPAGE_ACTIVATE) {
            return ret;
        }
        page.setUptodate();
        page.bits().unlock();
        return ret < 0 ? ret : 0;
    }

    /**
     * 1.6 {@code afs_linux_writepage} (§1.2): PageReclaim -> ACTIVATE (kept to 1.6.25); a
     * page past EOF gets writeback set and ended (5e99d56cf); G+, avc W (537), the guard
     * (ACTIVATE with the page locked if refused), release, G-; set_page_writeback and
     * unlock, so from here the page is held only by PG_writeback; the store; G+, avc W
     * (538), DoPartialWrite, complete the guard; end_page_writeback.
     */
    public static int afs_linux_writepage_16(CacheManager cm, Page page) {
        Inode inode = page.mapping().host();
        VCache avc = cm.vtoafs(inode);
        if (page.reclaim()) {
            return AddressSpaceOperations.AOP_WRITEPAGE_ACTIVATE;
        }
        if (page.offset() >= inode.size()) {
            PageWriteback.set_page_writeback(page);
            page.bits().unlock();
            PageWriteback.end_page_writeback(page);
            return 0;
        }
        cm.glock().lock();
        try {
            avc.lock.obtainWrite();
            boolean ok = !cm.variant().recursionGuard() || AfsPageWriters.prepare(cm, avc);
            avc.lock.releaseWrite();
            if (!ok) {
                return AddressSpaceOperations.AOP_WRITEPAGE_ACTIVATE;
            }
        } finally {
            cm.glock().unlock();
        }
        int count = bytesInFile(page);
        byte[] data = Arrays.copyOf(page.data(), count);
        PageWriteback.set_page_writeback(page);
        page.setUptodate();
        page.bits().unlock();
        int ret = 0;
        cm.glock().lock();
        try {
            try {
                AfsVnopWrite.afs_write(cm, avc, page.offset(), data, true);
            } finally {
                avc.lock.obtainWrite();
                try {
                    if (AfsVnopWrite.afs_DoPartialWrite(cm, avc) != 0) {
                        ret = AddressSpaceOperations.EIO;
                    }
                } finally {
                    if (cm.variant().recursionGuard()) {
                        AfsPageWriters.complete(cm, avc);
                    }
                    avc.lock.releaseWrite();
                }
            }
        } finally {
            cm.glock().unlock();
            PageWriteback.end_page_writeback(page);
        }
        return ret;
    }

    /** readpage: fillpage, then unlock. */
    public static void afs_linux_readpage(CacheManager cm, Page page) {
        afs_linux_fillpage(cm, cm.vtoafs(page.mapping().host()), page);
        page.bits().unlock();
    }

    /**
     * {@code afs_linux_writepage_sync} (the page locked by the caller, and kept locked):
     * G+, avc W (532), the recursion guard (ACTIVATE if it refuses), release, G-; then
     * {@code afs_linux_page_writeback}: G+, afs_write of the page's bytes, G-; then G+,
     * avc W (533), afs_DoPartialWrite, complete the guard, release, G-. Returns the
     * bytes written, ACTIVATE, or an error. Without {@code honourGuard} (1.6 write()) a
     * refused guard is ignored and the write goes on (C4).
     */
    static int afs_linux_writepage_sync(CacheManager cm, VCache avc, Page page, int offset,
            int count, boolean honourGuard) {
        cm.glock().lock();
        try {
            avc.lock.obtainWrite();
            boolean ok = !cm.variant().recursionGuard() || AfsPageWriters.prepare(cm, avc);
            avc.lock.releaseWrite();
            if (!ok && honourGuard) {
                return AddressSpaceOperations.AOP_WRITEPAGE_ACTIVATE;
            }
            try {
                AfsVnopWrite.afs_write(cm, avc, page.offset() + offset,
                        Arrays.copyOfRange(page.data(), offset, offset + count), true);
            } finally {
                avc.lock.obtainWrite();
                try {
                    int code = AfsVnopWrite.afs_DoPartialWrite(cm, avc);
                    if (code != 0) {
                        count = AddressSpaceOperations.EIO;
                    }
                } finally {
                    if (cm.variant().recursionGuard() && ok) {
                        AfsPageWriters.complete(cm, avc);
                    }
                    avc.lock.releaseWrite();
                }
            }
            return count;
        } finally {
            cm.glock().unlock();
        }
    }

    /** Bytes of {@code page} inside the file: what a whole-page writeback stores. */
    public static int bytesInFile(Page page) {
        return (int) Math.max(0, Math.min(Page.PAGE_SIZE, page.mapping().host().size() - page.offset()));
    }

    /**
     * {@code afs_linux_fillpage} (page locked): G+, avc W (911), the chunk (fetched if
     * needed) under tdc->lock R, G- while the chunk file is read (avc and tdc held), G+,
     * release, G-; the page becomes up to date. Bytes past the end of the file are zero.
     */
    public static void afs_linux_fillpage(CacheManager cm, VCache avc, Page page) {
        AtomicSteps.bulk(() -> Arrays.fill(page.data(), (byte) 0));
        int chunkPages = cm.config().chunkPages();
        int chunk = (int) (page.index() / chunkPages);
        long inChunk = (page.index() % chunkPages) * Page.PAGE_SIZE;
        cm.glock().lock();
        try {
            avc.lock.obtainWrite();
            try {
                if (page.offset() < avc.length) {
                    DCache tdc = AfsDcache.afs_GetDCache(cm, avc, chunk);
                    try {
                        tdc.lock.obtainRead();
                        try {
                            int n = (int) Math.max(0, Math.min(Page.PAGE_SIZE, tdc.chunkBytes - inChunk));
                            cm.glock().unlock();
                            try {
                                byte[] data = cm.cachefs().read(tdc.file(), inChunk, n);
                                System.arraycopy(data, 0, page.data(), 0, data.length);
                            } finally {
                                cm.glock().lock();
                            }
                        } finally {
                            tdc.lock.releaseRead();
                        }
                    } finally {
                        AfsDcache.afs_PutDCache(tdc);
                    }
                }
            } finally {
                avc.lock.releaseWrite();
            }
        } finally {
            cm.glock().unlock();
        }
        page.setUptodate();
    }
}
