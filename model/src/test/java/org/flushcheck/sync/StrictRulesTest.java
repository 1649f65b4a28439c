package org.flushcheck.sync;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import org.flushcheck.detect.Finding;
import org.flushcheck.detect.Verdict;
import org.flushcheck.testing.ModelRun;
import org.flushcheck.testing.Quiescence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each strict rule of STYLE.md §7: one check in the primitive, one test here. */
@ExtendWith(Quiescence.class)
class StrictRulesTest {

    /** Only the owner may unlock a mutex; the owner keeps it. */
    @Test
    void mutexUnlock_byNonOwner_violation(Quiescence.Runs runs) {
        ModelRun run = runs.create();
        Mutex glock = new Mutex(run.domain, "AFS_GLOCK");
        glock.lock();
        TaskHandle thief = run.spawn("thief", glock::unlock);
        run.joinAll();

        LockingViolation v = assertInstanceOf(LockingViolation.class, thief.failure());
        assertEquals(LockingViolation.Rule.UNLOCK_BY_NON_OWNER, v.rule());
        assertTrue(glock.isHeldByCurrentTask(), "the owner still holds it");
        glock.unlock();
        bug(run, "BUG: bad unlock balance detected");
    }

    /** A task that exits holding a lock is reported; its lock stays held and its waiter stalls. */
    @Test
    void taskExit_holdingMutex_violationAndWaiterStalls(Quiescence.Runs runs) {
        ModelRun run = runs.create();
        Mutex avc = new Mutex(run.domain, "i_mutex");
        TaskHandle leaker = run.spawn("leaker", avc::lock);
        run.joinAll();
        TaskHandle waiter = run.spawn("waiter", avc::lock);
        run.joinAll();

        assertEquals(LockingViolation.Rule.EXIT_WITH_LOCKS_HELD,
                assertInstanceOf(LockingViolation.class, leaker.failure()).rule());
        assertEquals(Hang.Kind.STALL, assertInstanceOf(DeadlockException.class, waiter.failure())
                .hang().kind());
        bug(run, "BUG: lock held when returning to user space");
        assertEquals(1, run.take(Verdict.STALL).size());
    }

    /** afs_rwlock_t operations need AFS_GLOCK held. */
    @Test
    void rwlockObtain_withoutGlock_violation(Quiescence.Runs runs) {
        ModelRun run = runs.create();
        Mutex glock = new Mutex(run.domain, "AFS_GLOCK");
        AfsRwLock avc = new AfsRwLock(run.domain, "avc->lock", glock);
        TaskHandle t = run.spawn("writer", avc::obtainWrite);
        run.joinAll();

        assertEquals(LockingViolation.Rule.RWLOCK_WITHOUT_GLOCK,
                assertInstanceOf(LockingViolation.class, t.failure()).rule());
        bug(run, "BUG: afs_rwlock_t used without AFS_GLOCK held");
    }

    /** A sleeping acquire while a spinlock is held is a BUG, even when uncontended. */
    @Test
    void mutexLock_underSpinlock_violation(Quiescence.Runs runs) {
        ModelRun run = runs.create();
        SpinLock pagewriters = new SpinLock(run.domain, "avc->pagewriter_lock");
        Mutex glock = new Mutex(run.domain, "AFS_GLOCK");
        TaskHandle t = run.spawn("writer", () -> {
            pagewriters.lock();
            try {
                glock.lock();
            } finally {
                pagewriters.unlock();
            }
        });
        run.joinAll();

        assertEquals(LockingViolation.Rule.SLEEP_UNDER_SPINLOCK,
                assertInstanceOf(LockingViolation.class, t.failure()).rule());
        assertTrue(!glock.isLocked());
        bug(run, "BUG: sleeping function called from invalid context");
    }

    /** A recursive afs_rwlock_t write (W while holding W) is a self-deadlock, never a hang. */
    @Test
    void rwlockWrite_whileHoldingWrite_selfDeadlock(Quiescence.Runs runs) {
        ModelRun run = runs.create();
        Mutex glock = new Mutex(run.domain, "AFS_GLOCK");
        AfsRwLock avc = new AfsRwLock(run.domain, "avc->lock", glock);
        TaskHandle t = run.spawn("writepage", () -> {
            glock.lock();
            avc.obtainWrite();
            avc.obtainWrite();
        });
        run.joinAll();

        assertEquals(Hang.Kind.DEADLOCK, assertInstanceOf(DeadlockException.class, t.failure())
                .hang().kind());
        assertEquals(1, run.take(Verdict.DEADLOCK).size());
        assertEquals(1, run.take(Verdict.INVERSION).size());
    }

    /** set_page_writeback needs the page locked, end_page_writeback needs it set. */
    @Test
    void pageWriteback_badTransitions_violation(Quiescence.Runs runs) {
        ModelRun run = runs.create();
        PageBits page = new PageBits(run.domain, "page 0");
        assertThrows(LockingViolation.class, page::setWriteback);
        assertThrows(LockingViolation.class, page::endWriteback);
        assertEquals(2, run.take(Verdict.BUG).size());
    }

    /** PG_writeback may be ended by a task other than the one that set it (I/O completion). */
    @Test
    void pageWriteback_endedByAnotherTask_allowed(Quiescence.Runs runs) {
        ModelRun run = runs.create();
        PageBits page = new PageBits(run.domain, "page 0");
        page.lock();
        page.setWriteback();
        page.unlock();
        TaskHandle bio = run.spawn("bio_endio", page::endWriteback);
        run.joinAll();

        assertEquals(null, bio.failure());
        assertTrue(!page.isWriteback());
    }

    /**
     * A page lock handed to an I/O completion task (readpage's afs_pagecopy) is that task's
     * to release: the locker may no longer unlock it, and the completion does.
     */
    @Test
    void pageLock_handedToCompletion_onlyCompletionUnlocks(Quiescence.Runs runs) {
        ModelRun run = runs.create();
        PageBits page = new PageBits(run.domain, "page 0");
        AtomicBoolean handed = new AtomicBoolean();
        TaskHandle completion = run.spawn("afs_pagecopy", () -> {
            await().atMost(ModelRun.BOUND).untilTrue(handed);
            run.awaitBlocked("reader");
            page.unlock();
        });
        page.lock();
        page.handOffLock(completion.task());
        assertThrows(LockingViolation.class, page::unlock, "no longer the locker's to unlock");
        handed.set(true);
        TaskHandle reader = run.spawn("reader", () -> {
            page.lock();
            page.unlock();
        });
        run.joinAll();

        assertNull(completion.failure());
        assertNull(reader.failure());
        bug(run, "BUG: bad unlock balance detected");
    }

    /** PG_writeback handed to a bio completion task is waited on there, and ended there. */
    @Test
    void pageWriteback_handedToCompletion_waiterWokenByIt(Quiescence.Runs runs) {
        ModelRun run = runs.create();
        PageBits page = new PageBits(run.domain, "page 0");
        AtomicBoolean handed = new AtomicBoolean();
        TaskHandle bio = run.spawn("bio_endio", () -> {
            await().atMost(ModelRun.BOUND).untilTrue(handed);
            run.awaitBlocked("fsync");
            page.endWriteback();
        });
        page.lock();
        page.setWriteback();
        page.unlock();
        page.handOffWriteback(bio.task());
        handed.set(true);
        TaskHandle fsync = run.spawn("fsync", page::waitOnWriteback);
        run.joinAll();

        assertNull(bio.failure());
        assertNull(fsync.failure());
        assertTrue(!page.isWriteback());
    }

    private static void bug(ModelRun run, String title) {
        Finding f = run.take(Verdict.BUG).get(0);
        assertTrue(f.report().contains(title), f.report());
    }
}
