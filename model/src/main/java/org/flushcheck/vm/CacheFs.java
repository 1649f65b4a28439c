package org.flushcheck.vm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.flushcheck.sync.AtomicSteps;
import org.flushcheck.sync.Gfp;

/**
 * The disk file system that holds the AFS cache (ext3 under /usr/vice/cache): a second
 * set of address spaces in the same VM, on its own bdi {@code cachefs}, whose pages
 * reach <em>real files</em> in a cache directory through {@link FileChannel}. Its dirty
 * pages count against the same global limits as AFS pages.
 *
 * Locks: ->write takes the chunk file's i_mutex, then its page locks, then may throttle
 * in balance_dirty_pages (§1.7). Cache files use GFP_NOFS, as OpenAFS sets on them.
 * Writeback is synchronous: writepage sets and ends PG_writeback itself (the I/O
 * completes in the writing task). Every file operation is host I/O
 * ({@link AtomicSteps#hostIo}).
 */
public final class CacheFs implements AddressSpaceOperations {

    private final Vm vm;
    private final Bdi bdi;
    private final Path dir;
    private final Map<Long, FileChannel> files = new ConcurrentHashMap<>();

    /**
     * A cache file system in {@code dir}; {@code tmpfs} makes it memory-only: its pages are
     * never written back nor counted as dirty (a cache on tmpfs, or backing I/O that never
     * completes, as far as the dirty limits can tell).
     */
    public CacheFs(Vm vm, Path dir, boolean tmpfs) {
        this.vm = vm;
        this.bdi = vm.bdi_register("cachefs", !tmpfs);
        this.dir = dir;
        boolean exists;
        try {
            exists = AtomicSteps.hostIo(() -> Files.isDirectory(dir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look at cache directory " + dir, e);
        }
        if (!exists) {
            throw new IllegalArgumentException("cache directory " + dir + " does not exist");
        }
    }

    public Bdi bdi() {
        return bdi;
    }

    /** Creates (or truncates) cache file {@code V<ino>} and its inode. */
    public Inode create(long ino) {
        Inode inode = new Inode(vm, FsType.CACHEFS, ino, bdi, this);
        try {
            files.put(ino, AtomicSteps.hostIo(() -> FileChannel.open(dir.resolve("V" + ino),
                    StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create cache file V" + ino + " in " + dir, e);
        }
        return inode;
    }

    /** The file's ->write ({@code afs_file_write} via osi_rdwr): i_mutex, then the write loop. */
    public long write(Inode inode, long pos, byte[] buf) {
        inode.iMutex().lock();
        try {
            return Filemap.generic_perform_write(inode, pos, buf);
        } finally {
            inode.iMutex().unlock();
        }
    }

    /**
     * {@code pagecache_write_begin}/{@code pagecache_write_end} under i_mutex: the same
     * copy as {@link #write} but without balance_dirty_pages, as stacking file systems
     * (ecryptfs, cachefiles) write a lower file.
     */
    public long pagecache_write(Inode inode, long pos, byte[] buf) {
        inode.iMutex().lock();
        try {
            return Filemap.perform_write(inode, pos, buf, false);
        } finally {
            inode.iMutex().unlock();
        }
    }

    /** The file's ->read through the page cache. */
    public byte[] read(Inode inode, long pos, int len) {
        return Filemap.generic_file_read(inode, pos, len, Gfp.GFP_NOFS);
    }

    /** {@code osi_UFSTruncate}: i_mutex, i_size, truncate_inode_pages, then the file. */
    public void truncate(Inode inode, long size) {
        inode.iMutex().lock();
        try {
            inode.setSize(size);
            Truncate.truncate_inode_pages(inode.mapping(), size);
            FileChannel ch = files.get(inode.ino());
            AtomicSteps.hostIo(() -> ch.truncate(size));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot truncate cache file of " + inode, e);
        } finally {
            inode.iMutex().unlock();
        }
    }

    /** Closes every cache file. */
    public void close() {
        for (FileChannel ch : files.values()) {
            try {
                AtomicSteps.hostIo(() -> {
                    ch.close();
                    return null;
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close a cache file in " + dir, e);
            }
        }
    }

    @Override
    public Page write_begin(Inode inode, long pos, int len) {
        Page page = Filemap.grab_cache_page_write_begin(inode.mapping(), pos / Page.PAGE_SIZE,
                Gfp.GFP_NOFS);
        if (!page.uptodate() && len < Page.PAGE_SIZE) {
            fill(inode, page);
        }
        return page;
    }

    @Override
    public int write_end(Inode inode, long pos, int copied, Page page) {
        page.setUptodate();
        PageWriteback.set_page_dirty(page);
        if (pos + copied > inode.size()) {
            inode.setSize(pos + copied);
        }
        page.bits().unlock();
        return copied;
    }

    @Override
    public int writepage(Page page, WritebackControl wbc) {
        PageWriteback.set_page_writeback(page);
        page.bits().unlock();
        Inode inode = page.mapping().host();
        int ret = 0;
        try {
            long valid = Math.min(Page.PAGE_SIZE, inode.size() - page.offset());
            if (valid > 0) {
                FileChannel ch = files.get(inode.ino());
                AtomicSteps.hostIo(() ->
                        ch.write(ByteBuffer.wrap(page.data(), 0, (int) valid), page.offset()));
            }
        } catch (IOException e) {
            page.mapping().setError();
            ret = EIO;
        } finally {
            PageWriteback.end_page_writeback(page);
        }
        return ret;
    }

    @Override
    public void readpage(Page page) {
        fill(page.mapping().host(), page);
        page.bits().unlock();
    }

    /** Reads the page's bytes from the file (zeros past EOF); the page is locked. */
    private void fill(Inode inode, Page page) {
        AtomicSteps.bulk(() -> Arrays.fill(page.data(), (byte) 0));
        try {
            FileChannel ch = files.get(inode.ino());
            AtomicSteps.hostIo(() -> ch.read(ByteBuffer.wrap(page.data()), page.offset()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read cache file of " + inode, e);
        }
        page.setUptodate();
    }
}
