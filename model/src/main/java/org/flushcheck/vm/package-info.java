/**
 * The Linux VM side of the model: pages, address spaces, inodes, backing devices, the
 * write path, writeback, throttling, the flusher, reclaim, truncate and fsync.
 *
 * <p>Conventions of this package:
 * <ul>
 *   <li><b>C names.</b> Functions that mirror the kernel keep their C names and live in
 *       a class named after their C file: {@code Filemap.generic_perform_write},
 *       {@code PageWriteback.balance_dirty_pages}, {@code Truncate.truncate_inode_pages},
 *       {@code Vmscan.shrink_page_list}. A finding's site therefore names the C function.</li>
 *   <li><b>Kernel eras are data.</b> Everything that differs between 2.6.18, 2.6.32 and
 *       3.2+ is a field of {@link org.flushcheck.vm.KernelProfile}; code branches on those
 *       fields, never on a version number.</li>
 *   <li><b>Only sync primitives.</b> Page bits are {@code PageBits}, {@code i_mutex} is a
 *       {@code Mutex}, the radix-tree lock is a {@code SpinLock}; counters are atomics.
 *       Nothing here blocks outside the choke point.</li>
 *   <li><b>Lock classes per file system type</b>, like lockdep's per-type keys: AFS pages
 *       are {@code PG_locked}, cache-fs pages {@code PG_locked#cachefs}.</li>
 * </ul>
 * Simplifications are listed, per function, in {@code model/FAITHFULNESS.md}.
 */
package org.flushcheck.vm;
