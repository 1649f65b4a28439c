package org.flushcheck.scenario;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.flushcheck.sync.Domain;

/**
 * A scenario gate: a thread waits, holding no model lock, until a model condition holds
 * (another thread blocked, writers asleep for the cache drain). The condition is an
 * observation of the model, not a wait inside it: the detectors do not see it, so it is
 * bounded and fails with what it waited for. The domain waits for it (polling on real
 * threads; in a controlled run, scheduled once the condition holds, on virtual time).
 */
final class Gate {

    private Gate() {
    }

    static void await(Domain domain, String what, BooleanSupplier condition, Duration bound) {
        if (!domain.awaitObservation(condition, bound)) {
            throw new ScenarioException("gate never opened: " + what + " within " + bound.toSeconds() + " s");
        }
    }
}
