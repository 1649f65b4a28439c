package org.flushcheck.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.flushcheck.sync.AfsRwLock;
import org.flushcheck.sync.DeadlockException;
import org.flushcheck.sync.Domain;
import org.flushcheck.sync.Gfp;
import org.flushcheck.sync.Hang;
import org.flushcheck.sync.Mutex;
import org.flushcheck.sync.Reclaim;
import org.flushcheck.sync.TaskHandle;
import org.flushcheck.testing.ModelRun;
import org.flushcheck.testing.Quiescence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The lock-class graph predicts cycles the run never reached, lockdep style. */
@ExtendWith(Quiescence.class)
class InversionTest {

    /** A->B in one task, later B->A in another, never concurrent: one predicted-inversion splat. */
    @Test
    void abThenBa_sequentialTasks_predictedInversionSplat(Quiescence.Runs runs) {
        ModelRun run = runs.create();
        Mutex a = new Mutex(run.domain, "lock_A");
        Mutex b = new Mutex(run.domain, "lock_B");
        run.spawn("first", () -> nestedNow(a, b));
        run.joinAll();
        TaskHandle second = run.spawn("second", () -> nestedNow(b, a));
        run.joinAll();

        assertNull(second.failure(), "the run itself never deadlocked");
        List<Finding> found = run.take(Verdict.INVERSION);
        assertEquals(1, found.size());
        String splat = found.get(0).report();
        assertTrue(splat.contains("WARNING: possible circular locking dependency detected"), splat);
        assertTrue(splat.contains("second/2 is trying to acquire lock:\n (lock_A){E}, at: nestedNow"), splat);
        assertTrue(splat.contains("but task is already holding lock:\n (lock_B){E}, at: nestedNow"), splat);
        assertTrue(splat.contains("  lock(lock_B);\n                               lock(lock_A);\n"), splat);
        assertTrue(splat.contains(" *** DEADLOCK ***"), splat);
        assertEquals(Verdict.INVERSION, run.detectors.verdict());
    }

    /** Three classes in a ring across three tasks: the splat shows the chain. */
    @Test
    void ringOfThree_sequentialTasks_chainExists(Quiescence.Runs runs) {
        ModelRun run = runs.create();
        Mutex a = new Mutex(run.domain, "lock_A");
        Mutex b = new Mutex(run.domain, "lock_B");
        Mutex c = new Mutex(run.domain, "lock_C");
        run.spawn("t1", () -> nestedNow(a, b));
        run.joinAll();
        run.spawn("t2", () -> nestedNow(b, c));
        run.joinAll();
        run.spawn("t3", () -> nestedNow(c, a));
        run.joinAll();

        String splat = run.take(Verdict.INVERSION).get(0).report();
        assertTrue(splat.contains("Chain exists of:\n  lock_A --> lock_B --> lock_C\n"), splat);
    }

    /** READ->WRITE against READ->WRITE on afs_rwlock_t is a possible deadlock. */
    @Test
    void rwlockReadWrite_sequential_inversion(Quiescence.Runs runs) {
        ModelRun run = runs.create();
        Mutex glock = new Mutex(run.domain, "AFS_GLOCK");
        AfsRwLock x = new AfsRwLock(run.domain, "avc->lock", glock);
        AfsRwLock y = new AfsRwLock(run.domain, "afs_xdcache", glock);
        run.spawn("t1", () -> readThenWrite(glock, x, y));
        run.joinAll();
        run.spawn("t2", () -> readThenWrite(glock, y, x));
        run.joinAll();

        String splat = run.take(Verdict.INVERSION).get(0).report();
        assertTrue(splat.contains("  rlock(afs_xdcache);\n"), splat);
        assertTrue(splat.contains(" (avc->lock){W}"), splat);
    }

    /** READ->READ both ways is not a deadlock (READ is compatible with READ): nothing reported. */
    @Test
    void rwlockReadRead_sequential_clean(Quiescence.Runs runs) {
        ModelRun run = runs.create();
        Mutex glock = new Mutex(run.domain, "AFS_GLOCK");
        AfsRwLock x = new AfsRwLock(run.domain, "avc->lock", glock);
        AfsRwLock y = new AfsRwLock(run.domain, "afs_xdcache", glock);
        run.spawn("t1", () -> readThenRead(glock, x, y));
        run.joinAll();
        run.spawn("t2", () -> readThenRead(glock, y, x));
        run.joinAll();

        assertEquals(Verdict.CLEAN, run.detectors.verdict());
    }

    /** Retaking GLOCK under avc->lock and obtaining avc->lock under GLOCK is no cycle (C1). */
    @Test
    void glockAndRwlock_bothOrders_noInversion(Quiescence.Runs runs) {
        ModelRun run = runs.create();
        Mutex glock = new Mutex(run.domain, "AFS_GLOCK");
        AfsRwLock avc = new AfsRwLock(run.domain, "avc->lock", glock);
        run.spawn("writer", () -> {
            glock.lock();
            avc.obtainWrite();
            glock.unlock();
            glock.lock();
            avc.releaseWrite();
            glock.unlock();
        });
        run.joinAll();

        assertEquals(Verdict.CLEAN, run.detectors.verdict());
        assertTrue(run.detectors.dependencies().stream().anyMatch(d -> d.toString()
                .equals("avc->lock(W) -> AFS_GLOCK(E)")));
        assertTrue(run.detectors.dependencies().stream().noneMatch(d -> d.to().name()
                .equals("avc->lock")), "no blocking edge into an rwlock from AFS_GLOCK");
    }

    /** Two instances of one class nested without a subclass: possible recursive locking. */
    @Test
    void sameClassNested_withoutSubclass_recursiveLockingSplat(Quiescence.Runs runs) {
        ModelRun run = runs.create();
        Mutex parent = new Mutex(run.domain, "i_mutex");
        Mutex child = new Mutex(run.domain, "i_mutex");
        run.spawn("rename", () -> nestedNow(parent, child));
        run.joinAll();

        String splat = run.take(Verdict.INVERSION).get(0).report();
        assertTrue(splat.contains("WARNING: possible recursive locking detected"), splat);
        assertTrue(splat.contains(" May be due to missing lock nesting notation"), splat);
    }

    /** The same nesting with a declared subclass (mutex_lock_nested) is fine. */
    @Test
    void sameClassNested_withSubclass_clean(Quiescence.Runs runs) {
        ModelRun run = runs.create();
        Mutex parent = new Mutex(run.domain, "i_mutex");
        Mutex child = new Mutex(run.domain, "i_mutex");
        run.spawn("rename", () -> {
            parent.lock();
            child.lockNested("1");
            child.unlock();
            parent.unlock();
        });
        run.joinAll();

        assertEquals(Verdict.CLEAN, run.detectors.verdict());
    }

    /** A recursive mutex acquire is a self-deadlock at once, with a recursive-locking splat. */
    @Test
    void recursiveMutex_sameTask_selfDeadlockAtOnce(Quiescence.Runs runs) {
        ModelRun run = runs.create();
        Mutex glock = new Mutex(run.domain, "AFS_GLOCK");
        TaskHandle t = run.spawn("afs_dentry_iput", () -> {
            glock.lock();
            glock.lock();
        });
        run.joinAll();

        Hang hang = DeadlockTest.hangOf(t);
        assertEquals(Hang.Kind.DEADLOCK, hang.kind());
        assertEquals(1, hang.chain().size());
        assertTrue(run.take(Verdict.DEADLOCK).get(0).report().contains("1 task waits in a cycle"));
        assertTrue(run.take(Verdict.INVERSION).get(0).report()
                .contains("WARNING: possible recursive locking detected"));
        assertTrue(!glock.isLocked());
    }

    /** Without any detector a recursive acquire still fails at once instead of hanging. */
    @Test
    void recursiveMutex_noDetectors_stillSelfDeadlock() {
        Domain domain = Domain.withoutDetectors();
        Mutex glock = new Mutex(domain, "AFS_GLOCK");
        glock.lock();
        DeadlockException e = assertThrows(DeadlockException.class, glock::lock);
        assertEquals(Hang.Kind.DEADLOCK, e.hang().kind());
        assertTrue(!glock.isLocked(), "the aborted task released the GLOCK");
        glock.unlock(); // a no-op for an aborted task, not a violation
        assertInstanceOf(DeadlockException.class, assertThrows(DeadlockException.class, glock::lock),
                "an aborted task's later waits rethrow");
    }

    /** Holding a lock across a __GFP_FS allocation that reclaim can re-enter: fs_reclaim cycle (B5). */
    @Test
    void glockAcrossGfpKernel_reclaimTakesGlock_inversion(Quiescence.Runs runs) {
        ModelRun run = runs.create();
        Mutex glock = new Mutex(run.domain, "AFS_GLOCK");
        Reclaim reclaim = new Reclaim(run.domain);
        run.spawn("afsd", () -> {
            glock.lock();
            reclaim.mightAlloc(Gfp.GFP_NOFS);
            glock.unlock();
        });
        run.joinAll();
        assertEquals(Verdict.CLEAN, run.detectors.verdict(), "GFP_NOFS cannot recurse");
        run.spawn("afsd", () -> {
            glock.lock();
            reclaim.mightAlloc(Gfp.GFP_KERNEL);
            glock.unlock();
        });
        run.joinAll();
        run.spawn("kswapd0", () -> {
            reclaim.enter();
            glock.lock();
            glock.unlock();
            reclaim.exit();
        });
        run.joinAll();

        String splat = run.take(Verdict.INVERSION).get(0).report();
        assertTrue(splat.contains("(fs_reclaim){E}"), splat);
    }

    private static void nestedNow(Mutex outer, Mutex inner) {
        outer.lock();
        inner.lock();
        inner.unlock();
        outer.unlock();
    }

    private static void readThenWrite(Mutex glock, AfsRwLock held, AfsRwLock wanted) {
        glock.lock();
        held.obtainRead();
        wanted.obtainWrite();
        wanted.releaseWrite();
        held.releaseRead();
        glock.unlock();
    }

    private static void readThenRead(Mutex glock, AfsRwLock held, AfsRwLock wanted) {
        glock.lock();
        held.obtainRead();
        wanted.obtainRead();
        wanted.releaseRead();
        held.releaseRead();
        glock.unlock();
    }
}
