package org.flushcheck.lincheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.concurrent.locks.LockSupport;
import org.jetbrains.lincheck.Lincheck;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.util.AnalysisSectionsKt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A correct park-based lock under Lincheck, with no flushcheck code in the way: a mutex in
 * the choke point's style (state under a monitor, park and unpark outside it), two threads
 * taking it once each. Lincheck 3.4 ended about half of the runs early with no report (47
 * of 100 completed); 3.7 completes every one. The engine still counts completed runs
 * ({@link Exploration#completed}); this test guards the Lincheck version we depend on.
 * A run Lincheck's wall clock stopped is skipped (tag {@code lincheck}: {@code -Plincheck}).
 */
@Tag("lincheck")
class LincheckLimitsTest {

    /** Counted in ignored sections: Lincheck restores analysed writes after each run. */
    static final class Count {
        int started;
        int completed;
    }

    /** A mutex in the choke point's style: state under a monitor, park/unpark outside it. */
    static final class ParkMutex {
        private final Object m = new Object();
        private Thread owner;
        private Thread waiter;

        void lock() {
            for (;;) {
                synchronized (m) {
                    if (owner == null) {
                        owner = Thread.currentThread();
                        waiter = null;
                        return;
                    }
                    waiter = Thread.currentThread();
                }
                LockSupport.park(this);
            }
        }

        void unlock() {
            Thread w;
            synchronized (m) {
                owner = null;
                w = waiter;
            }
            if (w != null) {
                LockSupport.unpark(w);
            }
        }
    }

    /** Every run of a correct two-thread park-based mutex reaches its end. */
    @Test
    void parkMutex_everyRunCompletes() {
        Count c = new Count();
        try {
            parkMutexRuns(c);
        } catch (LincheckAssertionError e) {
            assumeFalse(LincheckExplorer.timedOut(e), "Lincheck's invocation wall clock tripped after "
                    + c.completed + " runs: no verdict");
            throw e;
        }
        System.out.println("[lincheck] park mutex: " + c.completed + " of " + c.started
                + " runs completed");
        assertEquals(c.started, c.completed, c.completed + " of " + c.started + " runs completed");
    }

    private static void parkMutexRuns(Count c) {
        Lincheck.runConcurrentTest(100, () -> {
            ign(() -> c.started++);
            ParkMutex a = new ParkMutex();
            Runnable body = () -> {
                a.lock();
                a.unlock();
            };
            Thread t1 = new Thread(body);
            Thread t2 = new Thread(body);
            t1.start();
            t2.start();
            try {
                t1.join();
                t2.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            ign(() -> c.completed++);
        });
    }

    private static void ign(Runnable r) {
        AnalysisSectionsKt.enterIgnoredSection();
        try {
            r.run();
        } finally {
            AnalysisSectionsKt.leaveIgnoredSection();
        }
    }
}
