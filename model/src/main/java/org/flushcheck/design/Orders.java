package org.flushcheck.design;

import org.flushcheck.detect.LockOrder;

/** The declared lock orders of the built-in designs, one tree each. */
final class Orders {

    private Orders() {
    }

    static final LockOrder WRITE_THROUGH = LockOrder.parse("""
            i_mutex
              PG_locked
            """);

    static final LockOrder PAGE_WRITEBACK = WRITE_THROUGH;

    static final LockOrder SAFE_DEFERRED = WRITE_THROUGH;
}
