package org.flushcheck.afs;

import java.util.Arrays;
import org.flushcheck.sync.Gfp;
import org.flushcheck.vm.Filemap;
import org.flushcheck.vm.FsSync;
import org.flushcheck.vm.Inode;
import org.flushcheck.vm.KernelProfile;
import org.flushcheck.vm.Page;
import org.flushcheck.vm.PageWriteback;

/**
 * LINUX/osi_vnodeops.c: the VFS entry points of an AFS file (write, read, the mmap write
 * fault, fsync, truncate, close) and afs_ShakeLooseVCaches. The page routines the lock
 * designs build their address_space_operations from are in {@link AfsPageOps}.
 */
public final class AfsVnodeOps {

    private AfsVnodeOps() {
    }

    /**
     * write(2): {@code afs_linux_write}: FakeOpen under avc W (529), the VFS write loop
     * under the AFS i_mutex (the design's write_begin/write_end), FakeClose (530).
     */
    public static long afs_linux_write(CacheManager cm, VCache avc, long pos, byte[] buf) {
        if (pos < 0) {
            throw new IllegalArgumentException("write offset " + pos + " is negative");
        }
        fake(cm, avc, 1);
        try {
            Inode inode = avc.inode();
            inode.iMutex().lock();
            try {
                return Filemap.generic_perform_write(inode, pos, buf);
            } finally {
                inode.iMutex().unlock();
            }
        } finally {
            fake(cm, avc, -1);
        }
    }

    /** {@code afs_FakeOpen} (+1) / {@code afs_FakeClose} (-1) under avc->lock W. */
    private static void fake(CacheManager cm, VCache avc, int delta) {
        cm.glock().lock();
        try {
            avc.lock.obtainWrite();
            avc.execsOrWriters += delta;
            avc.lock.releaseWrite();
        } finally {
            cm.glock().unlock();
        }
    }

    /** read(2) through the AFS page cache (readpage fills missing pages from the chunks). */
    public static byte[] afs_linux_read(CacheManager cm, VCache avc, long pos, int len) {
        if (pos < 0 || len < 0) {
            throw new IllegalArgumentException("read of " + len + " bytes at " + pos + " is impossible");
        }
        return Filemap.generic_file_read(avc.inode(), pos, len, Gfp.GFP_KERNEL);
    }

    /**
     * A store through a shared writable mapping: the write fault finds (or reads) the
     * page, the store lands in it, and the fault dirties it ({@code set_page_dirty},
     * AFS has no page_mkwrite) and, from 2.6.19, calls balance_dirty_pages_ratelimited. A
     * mapping cannot extend the file. A page not up to date is read and then looked up
     * again ({@code filemap_fault}: readpage unlocks it, then {@code goto retry_find}),
     * because a truncate may have taken it out of the mapping meanwhile: a store into
     * that page would be dirt no writeback can find. A fault on a page wholly past EOF
     * ({@link #pastEof}, checked again with the page locked, as filemap_fault does) is
     * SIGBUS: the store stops there, its earlier pages stored. Bytes past EOF within the
     * last page land in the page and are never written back. Returns the bytes stored
     * before the SIGBUS, all of them when none came.
     */
    public static long mmap_store(CacheManager cm, VCache avc, long pos, byte[] buf) {
        Inode inode = avc.inode();
        if (pos < 0) {
            throw new IllegalArgumentException("mmap store at " + pos + " is impossible");
        }
        long done = 0;
        while (done < buf.length) {
            long at = pos + done;
            if (pastEof(inode, at)) {
                return done; // VM_FAULT_SIGBUS before the page is looked up
            }
            int off = (int) (at % Page.PAGE_SIZE);
            int n = (int) Math.min(Page.PAGE_SIZE - off, buf.length - done);
            Page page = Filemap.grab_cache_page_write_begin(inode.mapping(), at / Page.PAGE_SIZE,
                    Gfp.GFP_KERNEL);
            if (!page.uptodate()) {
                inode.mapping().aops().readpage(page);
                continue; // retry_find
            }
            if (pastEof(inode, at)) { // filemap_fault re-checks i_size with the page locked
                page.bits().unlock();
                return done;
            }
            System.arraycopy(buf, (int) done, page.data(), off, n);
            PageWriteback.set_page_dirty(page);
            page.bits().unlock();
            if (cm.vm().kernel().mmapDirtyThrottles()) {
                PageWriteback.balance_dirty_pages_ratelimited(inode.mapping());
            }
            done += n;
        }
        return done;
    }

    /**
     * fsync(2): {@code vfs_fsync} in the era's order around {@code afs_linux_fsync}, which
     * on 3.1+ takes the AFS i_mutex itself, then G+ and {@code afs_fsync}.
     */
    public static int afs_linux_fsync(CacheManager cm, VCache avc) {
        Inode inode = avc.inode();
        boolean takesMutex = cm.vm().kernel().fsync() == KernelProfile.FsyncEra.FSYNC_TAKES_MUTEX;
        return FsSync.vfs_fsync(inode, () -> {
            if (takesMutex) {
                inode.iMutex().lock();
            }
            try {
                cm.glock().lock();
                try {
                    return AfsVnopWrite.afs_fsync(cm, avc);
                } finally {
                    cm.glock().unlock();
                }
            } finally {
                if (takesMutex) {
                    inode.iMutex().unlock();
                }
            }
        });
    }

    /**
     * Whether the page holding byte {@code at} lies wholly past EOF: a fault there is SIGBUS
     * ({@code filemap_fault}: {@code pgoff >= DIV_ROUND_UP(i_size, PAGE_SIZE)}). Truncate sets
     * i_size before it drops pages, so the check made with the page locked cannot miss one.
     */
    private static boolean pastEof(Inode inode, long at) {
        return at / Page.PAGE_SIZE >= (inode.size() + Page.PAGE_SIZE - 1) / Page.PAGE_SIZE;
    }

    /**
     * ftruncate(2): the VFS holds the AFS i_mutex; {@code afs_notify_change} -> G+ ->
     * {@code afs_setattr}: avc W (128), {@code afs_TruncateAllSegments}, release.
     */
    public static void afs_linux_truncate(CacheManager cm, VCache avc, long length) {
        if (length < 0) {
            throw new IllegalArgumentException("truncate to " + length + " bytes is impossible");
        }
        Inode inode = avc.inode();
        inode.iMutex().lock();
        try {
            cm.glock().lock();
            try {
                avc.lock.obtainWrite();
                try {
                    AfsSegments.afs_TruncateAllSegments(cm, avc, length);
                    inode.setSize(length);
                } finally {
                    avc.lock.releaseWrite();
                }
            } finally {
                cm.glock().unlock();
            }
        } finally {
            inode.iMutex().unlock();
        }
    }

    /**
     * close(2) of the last writer: {@code afs_linux_flush} stores inline (avc S 535 ->
     * U 536 -> afs_StoreAllSegments) after the VFS flushed nothing (AFS relies on
     * osi_VM_StoreAllSegments for dirty pages). Returns 0 or the store error.
     */
    public static int afs_linux_flush(CacheManager cm, VCache avc) {
        cm.glock().lock();
        try {
            return AfsVnopWrite.afs_fsync(cm, avc);
        } finally {
            cm.glock().unlock();
        }
    }

    /** {@code afs_ShakeLooseVCaches}: G+, afs_xvcache W, flush idle vcaches, release. Returns how many. */
    public static int afs_ShakeLooseVCaches(CacheManager cm) {
        int flushed = 0;
        cm.glock().lock();
        try {
            cm.xvcache.obtainWrite();
            try {
                for (VCache avc : cm.vcaches) {
                    if (avc.execsOrWriters == 0 && OsiVm.osi_VM_FlushVCache(cm, avc)) {
                        flushed++;
                    }
                }
            } finally {
                cm.xvcache.releaseWrite();
            }
        } finally {
            cm.glock().unlock();
        }
        return flushed;
    }
}
