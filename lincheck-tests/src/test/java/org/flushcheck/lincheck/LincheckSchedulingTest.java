package org.flushcheck.lincheck;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.flushcheck.detect.Detectors;
import org.flushcheck.sync.AtomicSteps;
import org.flushcheck.sync.DeadlockException;
import org.flushcheck.sync.Domain;
import org.flushcheck.sync.Mutex;
import org.jetbrains.lincheck.Lincheck;
import org.jetbrains.lincheck.LincheckAssertionError;
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
 * sections it is found in about 5 s, detectors on.
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

    /** With the sync layer's steps atomic, an ABBA on two Mutexes is found, named by the detectors. */
    @Test
    void abba_withAtomicSteps_deadlockFound() {
        LincheckAssertionError e;
        AtomicSteps.Installation i = AtomicSteps.install(new IgnoredSections());
        try {
            e = assertThrows(LincheckAssertionError.class,
                () -> Lincheck.runConcurrentTest(INVOCATIONS, () -> {
                    Domain d = new Domain(Detectors.builder().hungTask(Duration.ZERO).build());
                    Mutex a = new Mutex(d, "lock_A");
                    Mutex b = new Mutex(d, "lock_B");
                    AtomicReference<DeadlockException> seen = new AtomicReference<>();
                    Thread t1 = new Thread(() -> catching(seen, () -> nested(a, b)));
                    Thread t2 = new Thread(() -> catching(seen, () -> nested(b, a)));
                    t1.start();
                    t2.start();
                    join(t1);
                    join(t2);
                    if (seen.get() != null) {
                        throw new AssertionError("deadlock found: " + seen.get().hang().summary());
                    }
                }));
        } finally {
            i.close();
        }
        assertTrue(e.getMessage().contains("lock(lock_B)") && e.getMessage().contains("lock(lock_A)"),
                e.getMessage());
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
