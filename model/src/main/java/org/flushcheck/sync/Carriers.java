package org.flushcheck.sync;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads controlled tasks run on, kept between runs: an exploration runs a model
 * thousands of times, and starting two or three platform threads per run would cost
 * more than the run.
 *
 * Locks: the pool's own monitor guards {@code idle}. A carrier is taken for one task of
 * one run and returned only after that run has ended (its domain maps tasks by thread,
 * so no carrier serves two tasks of one run).
 */
final class Carriers {

    private static final Deque<Carrier> IDLE = new ArrayDeque<>();
    private static int created;

    private Carriers() {
    }

    static Carrier take() {
        synchronized (IDLE) {
            Carrier c = IDLE.poll();
            if (c == null) {
                c = new Carrier("flushcheck-carrier-" + ++created);
                c.start();
            }
            return c;
        }
    }

    /** Back to the pool once its job has returned. */
    static void release(Carrier c) {
        while (c.job != null) {
            Thread.onSpinWait();
        }
        synchronized (IDLE) {
            IDLE.push(c);
        }
    }

    /** A daemon thread that runs one job at a time. */
    static final class Carrier extends Thread {

        private volatile Runnable job;

        Carrier(String name) {
            super(name);
            setDaemon(true);
        }

        void give(Runnable next) {
            job = next;
            LockSupport.unpark(this);
        }

        @Override
        public void run() {
            for (;;) {
                Runnable j = job;
                if (j == null) {
                    LockSupport.park(this);
                    continue;
                }
                try {
                    j.run();
                } finally {
                    job = null;
                }
            }
        }
    }
}
