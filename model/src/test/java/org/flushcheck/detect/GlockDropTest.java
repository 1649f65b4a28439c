package org.flushcheck.detect;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicBoolean;
import org.flushcheck.sync.AfsRwLock;
import org.flushcheck.sync.Hang;
import org.flushcheck.sync.Mutex;
import org.flushcheck.sync.TaskHandle;
import org.flushcheck.testing.ModelRun;
import org.flushcheck.testing.Quiescence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The afs_rwlock rule of openafs-model.md §2.2 and C1: a blocked obtain sleeps with
 * AFS_GLOCK dropped and keeps its other locks. One schedule, two lock kinds:
 * <ol>
 *   <li>the writer holds GLOCK and avc->lock(W), drops GLOCK for backing I/O (G-);</li>
 *   <li>the flusher takes GLOCK and blocks on avc->lock;</li>
 *   <li>the writer retakes GLOCK (G+) to release avc->lock.</li>
 * </ol>
 * If the waiter kept GLOCK (avc->lock as a plain mutex) step 3 closes a cycle; with the
 * real rwlock the waiter has dropped GLOCK and both complete.
 */
@ExtendWith(Quiescence.class)
class GlockDropTest {

    /** Interface over the two ways to model avc->lock in the schedule. */
    private interface AvcLock {
        void obtainWrite();

        void releaseWrite();
    }

    /** The rwlock waiter drops AFS_GLOCK while it sleeps, so the schedule completes. */
    @Test
    void rwlockWaiter_dropsGlock_scheduleCompletes(Quiescence.Runs runs) {
        ModelRun run = runs.create();
        Mutex glock = new Mutex(run.domain, "AFS_GLOCK");
        AfsRwLock avc = new AfsRwLock(run.domain, "avc->lock", glock);
        TaskHandle[] tasks = schedule(run, glock, new AvcLock() {
            @Override
            public void obtainWrite() {
                avc.obtainWrite();
            }

            @Override
            public void releaseWrite() {
                avc.releaseWrite();
            }
        });

        assertNull(tasks[0].failure());
        assertNull(tasks[1].failure());
        assertEquals(Verdict.CLEAN, run.detectors.verdict());
    }

    /** The counterfactual: a waiter that kept AFS_GLOCK deadlocks on the same schedule. */
    @Test
    void waiterKeepingGlock_sameSchedule_deadlock(Quiescence.Runs runs) {
        ModelRun run = runs.create();
        Mutex glock = new Mutex(run.domain, "AFS_GLOCK");
        Mutex avc = new Mutex(run.domain, "avc->lock");
        TaskHandle[] tasks = schedule(run, glock, new AvcLock() {
            @Override
            public void obtainWrite() {
                avc.lock();
            }

            @Override
            public void releaseWrite() {
                avc.unlock();
            }
        });

        assertEquals(Hang.Kind.DEADLOCK, DeadlockTest.hangOf(tasks[0]).kind());
        assertEquals(Hang.Kind.DEADLOCK, DeadlockTest.hangOf(tasks[1]).kind());
        assertEquals(1, run.take(Verdict.DEADLOCK).size());
        assertEquals(1, run.take(Verdict.INVERSION).size());
    }

    private static TaskHandle[] schedule(ModelRun run, Mutex glock, AvcLock avc) {
        AtomicBoolean ioStarted = new AtomicBoolean();
        TaskHandle writer = run.spawn("writer", () -> {
            glock.lock();
            try {
                avc.obtainWrite();
                glock.unlock();               // G- around the backing write
                ioStarted.set(true);
                run.awaitBlocked("flusher");
                glock.lock();                 // G+
                avc.releaseWrite();
            } finally {
                if (glock.isHeldByCurrentTask()) {
                    glock.unlock();
                }
            }
        });
        TaskHandle flusher = run.spawn("flusher", () -> {
            await().atMost(ModelRun.BOUND).untilTrue(ioStarted);
            glock.lock();
            try {
                avc.obtainWrite();
                avc.releaseWrite();
            } finally {
                if (glock.isHeldByCurrentTask()) {
                    glock.unlock();
                }
            }
        });
        run.joinAll();
        return new TaskHandle[] {writer, flusher};
    }
}
