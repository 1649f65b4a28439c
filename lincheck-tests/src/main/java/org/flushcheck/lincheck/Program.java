package org.flushcheck.lincheck;

import org.flushcheck.sync.Domain;

/**
 * One model run to explore: it builds what it needs in {@code domain}, spawns its
 * actors (tasks of the domain), joins every task it started without a bound
 * ({@link org.flushcheck.sync.TaskHandle#join()}: Lincheck owns time) and returns. It
 * runs once per invocation, each time on a fresh domain, so it must keep no state
 * between runs.
 */
@FunctionalInterface
public interface Program {
    void run(Domain domain);
}
