package org.flushcheck.detect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.flushcheck.sync.LockClass;
import org.flushcheck.sync.Mode;

/**
 * Detector 2: the lock-class graph, lockdep's dependency graph with DEPT's events.
 *
 * <p>An edge A->B is added the first time B is acquired or waited on while A is held
 * (and event->A when an event is woken while A is held). Modes are kept apart: a
 * cycle is a possible deadlock only if, at every class on it, the mode one task holds
 * conflicts with the mode the next task wants (afs_rwlock READ coexists with READ and
 * SHARED, so a READ-only cycle is not reported; any cycle with a writer is). Each
 * cycle is reported once, the first time its closing edge is seen, whether or not the
 * run deadlocked.
 *
 * <p>Not thread-safe: the detectors call it under the domain monitor.
 */
final class LockClassGraph {

    private final Map<LockClass, List<Dependency>> out = new HashMap<>();
    private final Map<Dependency.Key, Dependency> edges = new LinkedHashMap<>();
    private final Set<Set<String>> reported = new HashSet<>();

    /** Adds {@code d}; returns it if it is new (null if seen before), reporting cycles to {@code found}. */
    Dependency add(Dependency d, List<List<Dependency>> found) {
        if (edges.containsKey(d.key())) {
            return null;
        }
        if (d.from().equals(d.to())) {
            edges.put(d.key(), d);
            if (d.fromMode().conflicts(d.toMode()) && reported.add(Set.of(d.key().toString()))) {
                found.add(List.of(d));
            }
            return d;
        }
        List<Dependency> back = path(d.to(), d.toMode(), d.from(), d.fromMode());
        edges.put(d.key(), d);
        out.computeIfAbsent(d.from(), k -> new ArrayList<>()).add(d);
        if (back != null) {
            List<Dependency> cycle = new ArrayList<>();
            cycle.add(d);
            cycle.addAll(back);
            Set<String> key = new TreeSet<>();
            for (Dependency e : cycle) {
                key.add(e.key().toString());
            }
            if (reported.add(key)) {
                found.add(cycle);
            }
        }
        return d;
    }

    /** Every edge, in the order first seen. */
    List<Dependency> edges() {
        return Collections.unmodifiableList(new ArrayList<>(edges.values()));
    }

    /**
     * A shortest chain of edges from {@code start} (wanted in {@code startMode}) to
     * {@code goal} wanted in a mode that {@code goalHeld} blocks, every link a real
     * conflict; null if none.
     */
    private List<Dependency> path(LockClass start, Mode startMode, LockClass goal, Mode goalHeld) {
        Map<State, Step> parent = new HashMap<>();
        ArrayDeque<State> queue = new ArrayDeque<>();
        State first = new State(start, startMode);
        parent.put(first, null);
        queue.add(first);
        while (!queue.isEmpty()) {
            State s = queue.poll();
            for (Dependency e : out.getOrDefault(s.cls(), List.of())) {
                State next = new State(e.to(), e.toMode());
                if (!e.fromMode().conflicts(s.wanted()) || parent.containsKey(next)) {
                    continue;
                }
                parent.put(next, new Step(e, s));
                if (next.cls().equals(goal) && goalHeld.conflicts(next.wanted())) {
                    List<Dependency> chain = new ArrayList<>();
                    for (Step step = parent.get(next); step != null; step = parent.get(step.from())) {
                        chain.add(0, step.edge());
                    }
                    return chain;
                }
                queue.add(next);
            }
        }
        return null;
    }

    /** A class wanted in a mode: a node of the conflict-aware search. */
    private record State(LockClass cls, Mode wanted) {
    }

    /** How the search reached a state: over {@code edge} from state {@code from}. */
    private record Step(Dependency edge, State from) {
    }
}
