package org.flushcheck.design;

/** The locking tables of the built-in designs. */
final class Tables {

    private Tables() {
    }

    static final LockingTable WRITE_THROUGH_14 = LockingTable.columns("i_mutex", "PG_locked");
    static final LockingTable PAGE_WRITEBACK_16 = WRITE_THROUGH_14;
    static final LockingTable NAIVE_DEFERRED = WRITE_THROUGH_14;
    static final LockingTable SAFE_DEFERRED = WRITE_THROUGH_14;
}
