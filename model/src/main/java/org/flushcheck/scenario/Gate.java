package org.flushcheck.scenario;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A scenario gate: a thread waits, holding no model lock, until a model condition holds
 * (another thread blocked, writers asleep for the cache drain). It polls because the
 * condition is an observation of the model, not a wait inside it; the detectors do not
 * see it, so it is bounded and fails with what it waited for.
 */
final class Gate {

    private static final long POLL_NANOS = 200_000;

    private Gate() {
    }

    static void await(String what, BooleanSupplier condition, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new ScenarioException("gate never opened: " + what + " within " + bound.toSeconds() + " s");
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }
}
