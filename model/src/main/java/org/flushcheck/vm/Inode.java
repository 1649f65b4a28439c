package org.flushcheck.vm;

import org.flushcheck.sync.LockClass;
import org.flushcheck.sync.Mutex;
import org.flushcheck.sync.RacyLong;

/**
 * An inode: its number, {@code i_mutex}, {@code i_size} and its page cache.
 *
 * Locks: i_mutex serialises write() and truncate on the inode (taken by the VFS) and
 * fsync on 3.1+ (taken by ->fsync). I_SYNC is held by the flusher while it writes the
 * inode back. i_size is written under i_mutex and read without it
 * ({@code i_size_read}): racy, each access a scheduling point ({@link RacyLong}).
 * i_private is set when the inode is made, before anything can see it.
 */
public final class Inode {

    private final long ino;
    private final String name;
    private final Mutex iMutex;
    private final Mutex iSync;
    private final RacyLong size;
    private final AddressSpace mapping;
    /** {@code i_private}: the file system's object for this inode (AFS: its vcache), or null. */
    private final Object fsPrivate;

    public Inode(Vm vm, FsType type, long ino, Bdi bdi, AddressSpaceOperations aops) {
        this(vm, type, ino, bdi, aops, null);
    }

    /** An inode whose {@code i_private} is {@code fsPrivate}, set before the inode is published. */
    public Inode(Vm vm, FsType type, long ino, Bdi bdi, AddressSpaceOperations aops, Object fsPrivate) {
        this.ino = ino;
        this.fsPrivate = fsPrivate;
        this.size = new RacyLong(vm.domain(), "i_size");
        this.name = type.name() + " inode " + ino;
        this.iMutex = new Mutex(vm.domain(), type.iMutex(), "i_mutex of " + name);
        this.iSync = new Mutex(vm.domain(), LockClass.of("I_SYNC"), "I_SYNC of " + name);
        this.mapping = new AddressSpace(vm, this, type, bdi, aops);
    }

    public long ino() {
        return ino;
    }

    public Mutex iMutex() {
        return iMutex;
    }

    /** The I_SYNC inode state bit (I_LOCK before 2.6.24): one writeback of the inode at a time. */
    public Mutex iSync() {
        return iSync;
    }

    /** {@code i_size_read}. */
    public long size() {
        return size.get();
    }

    /** {@code i_size_write}: the caller holds i_mutex (or owns the inode). */
    public void setSize(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("i_size must not be negative: " + bytes);
        }
        size.set(bytes);
    }

    /** {@code inode->i_private}: what the file system keeps with this inode, or null. */
    public Object fsPrivate() {
        return fsPrivate;
    }

    public AddressSpace mapping() {
        return mapping;
    }

    @Override
    public String toString() {
        return name;
    }
}
