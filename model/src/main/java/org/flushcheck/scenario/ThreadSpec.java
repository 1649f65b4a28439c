package org.flushcheck.scenario;

import java.util.List;

/**
 * One scenario thread: a model task named {@code name} that runs {@code ops} in order.
 * A thread with {@code after} starts only once those (earlier) threads have ended;
 * the others start together when the run begins.
 */
public record ThreadSpec(String name, List<String> after, List<Op> ops, int line) {

    public ThreadSpec {
        after = List.copyOf(after);
        ops = List.copyOf(ops);
    }
}
