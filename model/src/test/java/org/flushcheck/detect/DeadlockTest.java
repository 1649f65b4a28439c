package org.flushcheck.detect;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.flushcheck.sync.AfsRwLock;
import org.flushcheck.sync.DeadlockException;
import org.flushcheck.sync.Hang;
import org.flushcheck.sync.Mutex;
import org.flushcheck.sync.PageBits;
import org.flushcheck.sync.TaskHandle;
import org.flushcheck.testing.ModelRun;
import org.flushcheck.testing.Quiescence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Reached cycles become a DEADLOCK verdict: every task in them returns, holding nothing. */
@ExtendWith(Quiescence.class)
class DeadlockTest {

    /** ABBA on two mutexes is detected before the second task parks; both unwind. */
    @Test
    void abba_twoMutexes_deadlockBothReturnNothingHeld(Quiescence.Runs runs) {
        ModelRun run = runs.create();
        Mutex a = new Mutex(run.domain, "lock_A");
        Mutex b = new Mutex(run.domain, "lock_B");
        TaskHandle t1 = run.spawn("t1", () -> nested(a, b));
        TaskHandle t2 = run.spawn("t2", () -> nested(b, a));
        run.joinAll();

        Hang hang = hangOf(t1);
        assertEquals(Hang.Kind.DEADLOCK, hang.kind());
        assertEquals(2, hang.chain().size());
        assertEquals(hang, hangOf(t2), "both tasks carry the same cycle");
        assertEquals(1, run.take(Verdict.DEADLOCK).size());
        assertEquals(1, run.take(Verdict.INVERSION).size(), "lockdep also predicts it");
        assertTrue(!a.isLocked() && !b.isLocked());
        assertEquals(Verdict.DEADLOCK, run.detectors.verdict());
    }

    /** Three tasks in a ring A->B->C->A: the cycle names all three. */
    @Test
    void ring_threeMutexes_deadlockNamesAllThree(Quiescence.Runs runs) {
        ModelRun run = runs.create();
        Mutex a = new Mutex(run.domain, "lock_A");
        Mutex b = new Mutex(run.domain, "lock_B");
        Mutex c = new Mutex(run.domain, "lock_C");
        TaskHandle t1 = run.spawn("t1", () -> nested(a, b));
        TaskHandle t2 = run.spawn("t2", () -> nested(b, c));
        TaskHandle t3 = run.spawn("t3", () -> nested(c, a));
        run.joinAll();

        for (TaskHandle t : List.of(t1, t2, t3)) {
            assertEquals(3, hangOf(t).chain().size());
        }
        String report = run.take(Verdict.DEADLOCK).get(0).report();
        assertTrue(report.contains("3 tasks wait in a cycle"), report);
        assertEquals(1, run.take(Verdict.INVERSION).size());
    }

    /** T1 reads x and wants to write y; T2 reads y and wants to write x: a real cycle. */
    @Test
    void rwlock_readThenWriteCycle_deadlock(Quiescence.Runs runs) {
        ModelRun run = runs.create();
        Mutex glock = new Mutex(run.domain, "AFS_GLOCK");
        AfsRwLock x = new AfsRwLock(run.domain, "avc->lock", glock);
        AfsRwLock y = new AfsRwLock(run.domain, "afs_xdcache", glock);
        AtomicInteger readers = new AtomicInteger();
        TaskHandle t1 = run.spawn("t1", () -> readThen(glock, x, y, true, readers));
        TaskHandle t2 = run.spawn("t2", () -> readThen(glock, y, x, true, readers));
        run.joinAll();

        assertEquals(Hang.Kind.DEADLOCK, hangOf(t1).kind());
        assertEquals(Hang.Kind.DEADLOCK, hangOf(t2).kind());
        assertEquals(1, run.take(Verdict.DEADLOCK).size());
        assertEquals(1, run.take(Verdict.INVERSION).size());
    }

    /** The same shape with readers only: READ is compatible with READ, nothing to find. */
    @Test
    void rwlock_readOnlyCycle_clean(Quiescence.Runs runs) {
        ModelRun run = runs.create();
        Mutex glock = new Mutex(run.domain, "AFS_GLOCK");
        AfsRwLock x = new AfsRwLock(run.domain, "avc->lock", glock);
        AfsRwLock y = new AfsRwLock(run.domain, "afs_xdcache", glock);
        AtomicInteger readers = new AtomicInteger();
        TaskHandle t1 = run.spawn("t1", () -> readThen(glock, x, y, false, readers));
        TaskHandle t2 = run.spawn("t2", () -> readThen(glock, y, x, false, readers));
        run.joinAll();

        assertEquals(null, t1.failure());
        assertEquals(null, t2.failure());
        assertEquals(Verdict.CLEAN, run.detectors.verdict());
    }

    /**
     * T1 holds PG_writeback(P) and wants AFS_GLOCK; T2 holds AFS_GLOCK and waits on
     * writeback(P) (osi_VM_FlushVCache -> truncate_inode_pages): a DEADLOCK.
     */
    @Test
    void writebackOwnerWantsGlock_glockHolderWaitsWriteback_deadlock(Quiescence.Runs runs) {
        ModelRun run = runs.create();
        Mutex glock = new Mutex(run.domain, "AFS_GLOCK");
        PageBits page = new PageBits(run.domain, "page 0 of vnode 1");
        TaskHandle writepage = run.spawn("flush-afs", () -> {
            page.lock();
            page.setWriteback();
            page.unlock();
            try {
                await().atMost(ModelRun.BOUND).until(glock::isLocked);
                glock.lock();
                glock.unlock();
            } finally {
                page.endWriteback();
            }
        });
        TaskHandle flushVCache = run.spawn("afs_daemon", () -> {
            await().atMost(ModelRun.BOUND).until(page::isWriteback);
            glock.lock();
            try {
                page.waitOnWriteback();
            } finally {
                glock.unlock();
            }
        });
        run.joinAll();

        assertEquals(Hang.Kind.DEADLOCK, hangOf(writepage).kind());
        assertEquals(Hang.Kind.DEADLOCK, hangOf(flushVCache).kind());
        assertTrue(!page.isWriteback() && !glock.isLocked());
        String report = run.take(Verdict.DEADLOCK).get(0).report();
        assertTrue(report.contains("PG_writeback") && report.contains("AFS_GLOCK"), report);
        assertEquals(1, run.take(Verdict.INVERSION).size());
    }

    /** Takes {@code outer}, waits until the peer holds {@code inner}, then takes {@code inner}. */
    static void nested(Mutex outer, Mutex inner) {
        outer.lock();
        try {
            await().atMost(ModelRun.BOUND).until(inner::isLocked);
            inner.lock();
            inner.unlock();
        } finally {
            outer.unlock();
        }
    }

    /** Under GLOCK: read {@code held}, wait until both tasks have read, then take {@code wanted}. */
    private static void readThen(Mutex glock, AfsRwLock held, AfsRwLock wanted, boolean write,
            AtomicInteger readers) {
        glock.lock();
        try {
            held.obtainRead();
            readers.incrementAndGet();
            glock.unlock();
            await().atMost(ModelRun.BOUND).until(() -> readers.get() == 2);
            glock.lock();
            if (write) {
                wanted.obtainWrite();
                wanted.releaseWrite();
            } else {
                wanted.obtainRead();
                wanted.releaseRead();
            }
            held.releaseRead();
        } finally {
            if (glock.isHeldByCurrentTask()) {
                glock.unlock();
            }
        }
    }

    static Hang hangOf(TaskHandle t) {
        return assertInstanceOf(DeadlockException.class, t.failure()).hang();
    }
}
