package org.flushcheck.afs;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.flushcheck.sync.AfsRwLock;
import org.flushcheck.sync.LockClass;
import org.flushcheck.sync.SpinLock;
import org.flushcheck.sync.Task;
import org.flushcheck.vm.AddressSpaceOperations;
import org.flushcheck.vm.FsType;
import org.flushcheck.vm.Inode;

/**
 * A vcache ({@code struct vcache}): one AFS file, its AFS inode and page cache, and its
 * state.
 *
 * Locks:
 *   {@code avc->lock} (afs_rwlock_t) guards {@code states}, {@code length},
 *   {@code truncPos} and {@code execsOrWriters}.
 *   {@code avc->pagewriter_lock} (spinlock, innermost) guards {@code pagewriters}.
 *   afs_xdcache guards {@code chunks}.
 * Invariant: a chunk in {@code chunks} is the only dcache entry of that chunk.
 */
public final class VCache {

    /** The CPageWrite state bit: "a page write is in progress" (1.4.8 - 1.6.11). */
    public static final int CPAGEWRITE = 0x40000;

    /**
     * The CExtendedFile state bit: a truncate grew the file, and the fileserver has not yet
     * been sent the new length (afs_StoreAllSegments sends it with afs_StoreMini when its
     * stores did not reach it).
     */
    static final int CEXTENDEDFILE = 0x08000000;

    /** {@code AFS_NOTRUNC}: no truncate pending ({@code truncPos} is the lowest cut not yet sent). */
    static final long AFS_NOTRUNC = Long.MAX_VALUE;

    private final long fid;
    private final Inode inode;
    final AfsRwLock lock;
    final SpinLock pagewriterLock;
    final List<Task> pagewriters = new ArrayList<>();
    final TreeMap<Integer, DCache> chunks = new TreeMap<>();
    int states;
    long length;
    long truncPos = AFS_NOTRUNC;
    int execsOrWriters;

    VCache(CacheManager cm, long fid, AddressSpaceOperations aops) {
        this.fid = fid;
        this.inode = new Inode(cm.vm(), FsType.AFS, fid, cm.bdi(), aops, this); // VTOAFS: the vcache embeds its inode
        this.lock = new AfsRwLock(cm.domain(), LockClass.of("avc->lock"), "avc->lock of vnode " + fid,
                cm.glock());
        this.pagewriterLock = new SpinLock(cm.domain(), "avc->pagewriter_lock");
    }

    public long fid() {
        return fid;
    }

    /** The AFS inode (its i_mutex and page cache). */
    public Inode inode() {
        return inode;
    }

    public AfsRwLock lock() {
        return lock;
    }

    @Override
    public String toString() {
        return "vnode " + fid;
    }
}
