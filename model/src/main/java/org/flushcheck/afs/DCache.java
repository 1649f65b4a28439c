package org.flushcheck.afs;

import org.flushcheck.sync.AfsRwLock;
import org.flushcheck.sync.LockClass;
import org.flushcheck.vm.Inode;

/**
 * A dcache entry ({@code struct dcache}): one chunk of one file, its cache file, and
 * its locks.
 *
 * Locks: {@code tdc->lock} guards the chunk file's contents, {@code validPos},
 * {@code dataMod} (IFDataMod) and {@code chunkBytes}; {@code tdc->tlock} guards
 * {@code refCount}. Several tdc locks are held only in increasing chunk order
 * (StoreAllSegments), nested at subclass {@code chunk}.
 */
public final class DCache {

    private final VCache avc;
    private final int chunk;
    private final Inode file;
    final AfsRwLock lock;
    final AfsRwLock tlock;
    int refCount;
    boolean dataMod;
    long chunkBytes;

    DCache(CacheManager cm, VCache avc, int chunk, Inode file) {
        this.avc = avc;
        this.chunk = chunk;
        this.file = file;
        String label = "chunk " + chunk + " of " + avc;
        this.lock = new AfsRwLock(cm.domain(), LockClass.of("tdc->lock"), "tdc->lock of " + label,
                cm.glock());
        this.tlock = new AfsRwLock(cm.domain(), LockClass.of("tdc->tlock"), "tdc->tlock of " + label,
                cm.glock());
    }

    public VCache avc() {
        return avc;
    }

    public int chunk() {
        return chunk;
    }

    /** The cache file ({@code V<n>}) holding this chunk. */
    public Inode file() {
        return file;
    }

    public AfsRwLock lock() {
        return lock;
    }

    @Override
    public String toString() {
        return "chunk " + chunk + " of " + avc;
    }
}
