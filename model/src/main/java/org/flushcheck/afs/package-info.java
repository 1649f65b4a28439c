/**
 * The OpenAFS side of the model: AFS_GLOCK, vcaches, dcache chunks backed by real
 * cache files, the write and store paths, the background and truncate daemons, and an
 * in-process fileserver whose contents are the durability oracle.
 *
 * <p>Conventions: functions keep their C names and live in a class named after their C
 * file ({@code AfsVnopWrite.afs_write}, {@code AfsSegments.afs_StoreAllSegments},
 * {@code AfsDcache.afs_ObtainDCacheForWriting}, {@code OsiVm.osi_VM_StoreAllSegments}).
 * Every afs_rwlock_t operation runs under AFS_GLOCK; GLOCK is dropped (G-) around
 * backing-file I/O and RPCs while the AFS rwlocks stay held, as in the C (C1).
 * Where the releases differ (CPageWrite in 1.4/1.6.0-1.6.11, pagewriters from 1.6.12)
 * the lock design chooses.
 */
package org.flushcheck.afs;
