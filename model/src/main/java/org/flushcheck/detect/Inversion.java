package org.flushcheck.detect;

import java.util.List;
import org.flushcheck.sync.TaskState;

/**
 * A predicted deadlock: a cycle in the lock-class graph, closed by {@code cycle.get(0)}
 * (the dependency {@code task} just added); the rest is the existing chain from the
 * new lock back to the held one. A one-edge cycle on one class is recursive locking
 * (two instances of a class nested without a subclass, or the same instance twice).
 */
public record Inversion(TaskState task, List<Dependency> cycle) {

    public Inversion {
        cycle = List.copyOf(cycle);
        if (cycle.isEmpty()) {
            throw new IllegalArgumentException("an inversion needs a cycle");
        }
    }

    public boolean recursive() {
        return cycle.size() == 1;
    }

    /** The lock being acquired when the cycle closed. */
    public Dependency closing() {
        return cycle.get(0);
    }
}
