package org.flushcheck.vm;

import org.flushcheck.sync.LockClass;

/**
 * A file system type: its name and the lock classes its inodes and pages get, like
 * lockdep's per-type keys ({@code &sb->s_type->i_mutex_key}). AFS keeps the plain C
 * names; the cache file system's classes carry {@code #cachefs}.
 */
public record FsType(String name, LockClass iMutex, LockClass pageLocked, LockClass pageWriteback) {

    public static final FsType AFS = new FsType("afs", LockClass.of("i_mutex"),
            LockClass.of("PG_locked"), LockClass.of("PG_writeback"));

    public static final FsType CACHEFS = new FsType("cachefs", LockClass.of("i_mutex#cachefs"),
            LockClass.of("PG_locked#cachefs"), LockClass.of("PG_writeback#cachefs"));
}
