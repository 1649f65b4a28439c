package org.flushcheck.sync;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.jetbrains.lincheck.Lincheck;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.Test;

/**
 * Lincheck's model checker schedules the sync layer: the choke point parks with
 * {@code LockSupport.park} under {@code synchronized}, both of which Lincheck controls,
 * so it explores the interleavings of code built on our primitives (a correct program
 * passes every one) and surfaces the choke point's verdicts (a recursive acquire).
 *
 * <p>Found here, for the lincheck-tests module: an ABBA on two of our Mutexes is not
 * reached within 100 invocations (about 30 s on 2 cores), and 1000 invocations run into
 * Lincheck 3.4's own time bound, reported as "has hung" with no trace (about 90 s),
 * detectors on or off; a bare park-based ABBA is found in a few seconds. Each acquire is
 * dozens of analysed events (the domain monitor, the task map, the observer), so the
 * interleaving space is that much deeper: the module will need the choke point's
 * bookkeeping outside the analysed code, or far fewer switch points.
 */
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
        assertTrue(e.getMessage().contains("deadlock found: DEADLOCK:"), e.getMessage());
    }

    /** Both threads taking A then B: every explored interleaving completes. */
    @Test
    void sameOrder_noFailure() {
        Lincheck.runConcurrentTest(INVOCATIONS, () -> {
            Domain d = Domain.withoutDetectors();
            Mutex a = new Mutex(d, "lock_A");
            Mutex b = new Mutex(d, "lock_B");
            Thread t1 = new Thread(() -> nested(a, b));
            Thread t2 = new Thread(() -> nested(a, b));
            t1.start();
            t2.start();
            join(t1);
            join(t2);
        });
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
