package org.flushcheck.lincheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.flushcheck.detect.Verdict;
import org.flushcheck.sync.AtomicSteps;
import org.flushcheck.sync.DeadlockException;
import org.flushcheck.sync.Domain;
import org.flushcheck.sync.Mutex;
import org.flushcheck.sync.TaskHandle;
import org.jetbrains.lincheck.Lincheck;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Lincheck's model checker schedules the sync layer: the choke point parks with
 * {@code LockSupport.park} under {@code synchronized}, both of which Lincheck controls,
 * so it explores the interleavings of code built on our primitives (a correct program
 * passes every one) and surfaces the choke point's verdicts (a recursive acquire).
 *
 * <p>Without {@link AtomicSteps}, an ABBA on two of our Mutexes is not reached within
 * 100 invocations (about 30 s on 2 cores): each acquire is dozens of analysed events
 * (the domain monitor, the task map, the observer). With the steps marked as ignored
 * sections it is found in about 5 s, detectors on. A run Lincheck's wall clock stopped is
 * skipped, never judged (tag {@code lincheck}: {@code -Plincheck}).
 */
@Tag("lincheck")
class LincheckSchedulingTest {

    private static final int INVOCATIONS = Integer.getInteger("lincheck.invocations", 100);

    /** The choke point's own verdicts surface through Lincheck: a recursive acquire is a self-deadlock. */
    @Test
    void recursiveLock_anyInterleaving_selfDeadlockVerdict() {
        LincheckAssertionError e = assertThrows(LincheckAssertionError.class,
                () -> Lincheck.runConcurrentTest(INVOCATIONS, () -> {
                    Domain d = Domain.withoutDetectors();
                    Mutex a = new Mutex(d, "lock_A");
                    AtomicReference<DeadlockException> seen = new AtomicReference<>();
                    Thread t = new Thread(() -> catching(seen, () -> {
                        a.lock();
                        a.lock();
                    }));
                    t.start();
                    join(t);
                    if (seen.get() != null) {
                        throw new AssertionError("deadlock found: " + seen.get().hang().summary());
                    }
                }));
        assumeFalse(LincheckExplorer.timedOut(e), "Lincheck's invocation wall clock tripped: no verdict");
        assertTrue(e.getMessage().contains("deadlock found: DEADLOCK:"), e.getMessage());
    }

    /**
     * Through the engine: an ABBA on two Mutexes is found and named by the detectors
     * (DEADLOCK, the two lock classes), with Lincheck's report of the interleaving.
     */
    @Test
    void abba_explored_deadlockNamedByDetectors() {
        Exploration e = twoTasksNesting(true);
        assumeTrue(e.decided(), e::summary);
        assertEquals(Verdict.DEADLOCK, e.verdict(), e::summary);
        assertEquals(Set.of("lock_A", "lock_B"), Set.copyOf(e.worst().classes()), e::summary);
        assertTrue(e.lincheck().contains("= Concurrent test failed ="), e.lincheck());
    }

    /**
     * Through the engine: the same two locks in one order are clean within the bounds, and
     * every invocation ran the program to its end (the engine counts them outside Lincheck's
     * analysis, which would otherwise undo the count; 3.4 completed 62 of 100 here).
     */
    @Test
    void sameOrder_explored_cleanOverEveryInvocation() {
        Exploration e = twoTasksNesting(false);
        System.out.println("[lincheck] same order: " + e.summary());
        assumeTrue(e.decided(), e::summary);
        assertEquals(Verdict.CLEAN, e.verdict(), e::summary);
        assertEquals(e.bounds().invocations(), e.completed(), e::summary);
    }

    /** t1 takes A then B; t2 the same, or B then A when {@code reversed}. */
    private static Exploration twoTasksNesting(boolean reversed) {
        return LincheckExplorer.explore(d -> {
            Mutex a = new Mutex(d, "lock_A");
            Mutex b = new Mutex(d, "lock_B");
            TaskHandle t1 = d.spawn("t1", () -> nested(a, b));
            TaskHandle t2 = d.spawn("t2", () -> nested(reversed ? b : a, reversed ? a : b));
            t1.join();
            t2.join();
            LincheckExplorer.ended(List.of(t1, t2));
        }, new Bounds(INVOCATIONS), () -> LincheckExplorer.detectors().build());
    }

    private static void nested(Mutex outer, Mutex inner) {
        outer.lock();
        try {
            inner.lock();
            inner.unlock();
        } finally {
            outer.unlock();
        }
    }

    private static void catching(AtomicReference<DeadlockException> seen, Runnable body) {
        try {
            body.run();
        } catch (DeadlockException e) {
            seen.compareAndSet(null, e);
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
