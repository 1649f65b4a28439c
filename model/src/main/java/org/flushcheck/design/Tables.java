package org.flushcheck.design;

/**
 * The locking tables of the built-in designs (Documentation/filesystems/locking.rst
 * style): what each entry point, by its C name, holds on entry and takes inside, on some
 * path of some kernel era. DesignContractTest runs every entry point on every era and
 * fails when code and table disagree. The naive deferred write_end takes no lock, so it has
 * no row to check (the safe one takes AFS_GLOCK and avc->lock when it extends the file);
 * reclaim is {@code shrink_page}, whose writepage call takes nothing under
 * these designs (ACTIVATE on PageReclaim, or a redirty).
 */
final class Tables {

    private Tables() {
    }

    private static final String[] COLUMNS = {"i_mutex", "I_SYNC", "PG_locked", "PG_writeback",
        "AFS_GLOCK", "avc->lock", "afs_xdcache", "tdc->lock", "i_mutex#cachefs"};

    static final LockingTable WRITE_THROUGH_14 = LockingTable.columns(COLUMNS)
            .row("afs_linux_write_begin",        "held" , "no"   , "takes", "no"   , "no"   , "no"   , "no"   , "no"   , "no")
            .row("afs_linux_write_end_through",  "held" , "no"   , "held" , "no"   , "takes", "takes", "takes", "takes", "takes")
            .row("afs_linux_writepage_14",       "no"   , "held" , "held" , "no"   , "takes", "takes", "takes", "takes", "takes")
            .row("afs_linux_readpage",           "no"   , "no"   , "held" , "no"   , "takes", "takes", "takes", "takes", "no")
            .row("afs_linux_fsync",              "takes", "no"   , "takes", "takes", "takes", "takes", "takes", "takes", "no")
            .row("afs_linux_truncate",           "takes", "no"   , "takes", "takes", "takes", "takes", "takes", "no"   , "no")
            .row("afs_linux_flush",              "no"   , "no"   , "takes", "takes", "takes", "takes", "takes", "takes", "takes")
            .row("shrink_page",                  "held" , "no"   , "takes", "no"   , "no"   , "no"   , "no"   , "no"   , "no")
            .row("writeback_single_inode",       "no"   , "takes", "takes", "no"   , "takes", "takes", "takes", "takes", "takes")
            .row("afs_CacheTruncateDaemon",      "no"   , "no"   , "no"   , "no"   , "takes", "no"   , "takes", "no"   , "takes")
            .row("afs_ShakeLooseVCaches",        "no"   , "no"   , "takes", "no"   , "takes", "no"   , "no"   , "no"   , "no");

    static final LockingTable PAGE_WRITEBACK_16 = LockingTable.columns(COLUMNS)
            .row("afs_linux_write_begin",        "held" , "no"   , "takes", "no"   , "no"   , "no"   , "no"   , "no"   , "no")
            .row("afs_linux_write_end_through",  "held" , "no"   , "held" , "no"   , "takes", "takes", "takes", "takes", "takes")
            .row("afs_linux_writepage_16",       "no"   , "held" , "held" , "takes", "takes", "takes", "takes", "takes", "takes")
            .row("afs_linux_readpage",           "no"   , "no"   , "held" , "no"   , "takes", "takes", "takes", "takes", "no")
            .row("afs_linux_fsync",              "takes", "no"   , "no"   , "no"   , "takes", "takes", "takes", "takes", "no")
            .row("afs_linux_truncate",           "takes", "no"   , "takes", "takes", "takes", "takes", "takes", "no"   , "no")
            .row("afs_linux_flush",              "no"   , "no"   , "takes", "takes", "takes", "takes", "takes", "takes", "takes")
            .row("shrink_page",                  "held" , "no"   , "takes", "no"   , "no"   , "no"   , "no"   , "no"   , "no")
            .row("writeback_single_inode",       "no"   , "takes", "takes", "takes", "takes", "takes", "takes", "takes", "takes")
            .row("afs_CacheTruncateDaemon",      "no"   , "no"   , "no"   , "no"   , "takes", "no"   , "takes", "no"   , "takes")
            .row("afs_ShakeLooseVCaches",        "no"   , "no"   , "takes", "no"   , "takes", "no"   , "no"   , "no"   , "no");

    static final LockingTable NAIVE_DEFERRED = LockingTable.columns(COLUMNS)
            .row("afs_linux_write_begin",        "held" , "no"   , "takes", "no"   , "takes", "takes", "takes", "takes", "no")
            .row("afs_linux_writepage_16",       "no"   , "takes", "held" , "takes", "takes", "takes", "takes", "takes", "takes")
            .row("afs_linux_fsync",              "takes", "no"   , "takes", "takes", "takes", "takes", "takes", "takes", "takes")
            .row("afs_linux_truncate",           "takes", "no"   , "takes", "takes", "takes", "takes", "takes", "takes", "takes")
            .row("afs_linux_flush",              "no"   , "takes", "takes", "takes", "takes", "takes", "takes", "takes", "takes")
            .row("shrink_page",                  "held" , "no"   , "takes", "no"   , "no"   , "no"   , "no"   , "no"   , "no")
            .row("writeback_single_inode",       "no"   , "takes", "takes", "takes", "takes", "takes", "takes", "takes", "takes")
            .row("afs_CacheTruncateDaemon",      "no"   , "no"   , "no"   , "no"   , "takes", "no"   , "takes", "no"   , "takes")
            .row("afs_ShakeLooseVCaches",        "no"   , "no"   , "takes", "no"   , "takes", "no"   , "no"   , "no"   , "no");

    static final LockingTable SAFE_DEFERRED = LockingTable.columns(COLUMNS)
            .row("afs_linux_write_begin",        "held" , "no"   , "takes", "no"   , "takes", "takes", "takes", "takes", "no")
            .row("afs_linux_write_end_extend",   "held" , "no"   , "held" , "no"   , "takes", "takes", "no"   , "no"   , "no")
            .row("afs_linux_writepage",          "held" , "held" , "held" , "takes", "takes", "takes", "takes", "takes", "takes")
            .row("afs_linux_fsync",              "takes", "no"   , "no"   , "no"   , "takes", "takes", "takes", "takes", "no")
            .row("afs_linux_truncate",           "takes", "no"   , "takes", "takes", "takes", "takes", "takes", "takes", "takes")
            .row("afs_linux_flush",              "no"   , "no"   , "takes", "takes", "takes", "takes", "takes", "takes", "takes")
            .row("shrink_page",                  "held" , "no"   , "takes", "no"   , "no"   , "no"   , "no"   , "no"   , "no")
            .row("writeback_single_inode",       "held" , "takes", "takes", "takes", "takes", "takes", "takes", "takes", "takes")
            .row("BStore",                       "no"   , "no"   , "no"   , "takes", "takes", "takes", "takes", "takes", "no")
            .row("afs_CacheTruncateDaemon",      "no"   , "no"   , "no"   , "no"   , "takes", "no"   , "takes", "no"   , "takes")
            .row("afs_ShakeLooseVCaches",        "no"   , "no"   , "takes", "no"   , "takes", "no"   , "no"   , "no"   , "no");
}
