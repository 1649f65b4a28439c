package org.flushcheck.sync;

import java.util.List;

/**
 * What a wait-for check found: tasks that can never run again. {@code chain} is the
 * explanation, each task waiting for the next; for a DEADLOCK it is a cycle (the last
 * waits for the first), for a STALL it ends at a wait nothing can end (an owner that
 * exited, an event whose wakers are gone). {@code stuck} is every task that cannot
 * progress, the chain included; all of them are aborted.
 */
public record Stuck(Hang.Kind kind, List<Task> chain, List<Task> stuck) {

    public Stuck {
        chain = List.copyOf(chain);
        stuck = List.copyOf(stuck);
        if (chain.isEmpty() || !stuck.containsAll(chain)) {
            throw new IllegalArgumentException("a stuck set needs a non-empty chain within it");
        }
    }
}
