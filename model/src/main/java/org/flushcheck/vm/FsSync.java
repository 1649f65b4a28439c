package org.flushcheck.vm;

import java.util.function.IntSupplier;

/**
 * fs/sync.c: {@code vfs_fsync} in the VFS order of each era (C14). {@code fsync} is the
 * file system's ->fsync; on 3.1+ it takes i_mutex itself.
 */
public final class FsSync {

    private FsSync() {
    }

    /** {@code vfs_fsync(file)}: returns the first error. */
    public static int vfs_fsync(Inode inode, IntSupplier fsync) {
        AddressSpace mapping = inode.mapping();
        switch (mapping.vm().kernel().fsync()) {
            case FDATAWRITE_MUTEX_FSYNC_FDATAWAIT -> {
                int err = Filemap.filemap_fdatawrite(mapping);
                int ret = underIMutex(inode, fsync);
                int wait = Filemap.filemap_fdatawait(mapping);
                return err != 0 ? err : ret != 0 ? ret : wait;
            }
            case WRITE_AND_WAIT_MUTEX_FSYNC -> {
                int err = Filemap.filemap_write_and_wait(mapping);
                int ret = underIMutex(inode, fsync);
                return err != 0 ? err : ret;
            }
            default -> {
                return fsync.getAsInt();
            }
        }
    }

    private static int underIMutex(Inode inode, IntSupplier fsync) {
        inode.iMutex().lock();
        try {
            return fsync.getAsInt();
        } finally {
            inode.iMutex().unlock();
        }
    }
}
