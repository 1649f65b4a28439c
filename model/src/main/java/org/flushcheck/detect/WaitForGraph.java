package org.flushcheck.detect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.flushcheck.sync.Hang;
import org.flushcheck.sync.Resource;
import org.flushcheck.sync.Resource.Blockers.Kind;
import org.flushcheck.sync.Stuck;
import org.flushcheck.sync.Task;

/**
 * Detector 1: the wait-for graph of actual waits, checked before every park and after
 * every task exit.
 *
 * <p>A lock wait needs every conflicting holder to release (an AND node: an rwlock wait
 * for WRITE needs all readers; PG_writeback needs whoever must end it); an event wait
 * needs any one live waker (an OR node). A task can progress when it is running, or
 * when its wait's needs can progress; the fixpoint of that rule leaves the tasks that
 * never will. Among them, a cycle of lock waits and named-waker event waits with at
 * least one lock wait is a DEADLOCK; otherwise (an owner that exited, a leaked lock, an
 * event with no live waker, sleepers waiting on each other's wakeups) it is a STALL.
 *
 * <p>A daemon idle in its wait for work is never reported stuck itself (nothing needs to
 * wake it); like any wait any task may end, it can progress while some other task can.
 *
 * <p>Called under the domain monitor; keeps no state between calls.
 */
final class WaitForGraph {

    private WaitForGraph() {
    }

    /** The stuck set, explained from {@code trigger} if it is stuck; null if all can progress. */
    static Stuck check(Task trigger, Collection<Task> tasks) {
        Set<Task> progress = new HashSet<>();
        List<Task> blocked = new ArrayList<>();
        for (Task t : tasks) {
            // an aborted task is unwinding: it holds nothing, runs its finally blocks (which may
            // wake others) and exits, when the graph is checked again
            if (t.isAborted() ? t.isAlive() : t.state() != Task.State.BLOCKED && t.isAlive()) {
                progress.add(t);
            } else if (t.state() == Task.State.BLOCKED) {
                blocked.add(t);
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Task b : blocked) {
                if (!progress.contains(b) && canProgress(b.blockers(), progress)) {
                    progress.add(b);
                    changed = true;
                }
            }
        }
        List<Task> stuck = new ArrayList<>();
        for (Task b : blocked) {
            if (!progress.contains(b) && !b.waiting().isIdle()) {
                stuck.add(b);
            }
        }
        if (stuck.isEmpty()) {
            return null;
        }
        Task start = stuck.contains(trigger) ? trigger : stuck.get(0);
        List<Task> cycle = findCycle(start, new HashSet<>(stuck));
        if (cycle != null && cycle.stream().anyMatch(t -> t.blockers().kind() == Kind.ALL_OF)) {
            return new Stuck(Hang.Kind.DEADLOCK, cycle, stuck);
        }
        return new Stuck(Hang.Kind.STALL, deadEnd(start, new HashSet<>(stuck)), stuck);
    }

    private static boolean canProgress(Resource.Blockers b, Set<Task> progress) {
        return switch (b.kind()) {
            case ALL_OF -> progress.containsAll(b.tasks());
            case ANY_OF, ANY_TASK -> b.tasks().stream().anyMatch(progress::contains);
            case NEVER -> false;
        };
    }

    /**
     * A cycle through stuck tasks reachable from {@code start} over lock waits and waits on
     * events with named wakers; a wait any task could end proves no cycle, so it is not
     * followed.
     */
    private static List<Task> findCycle(Task start, Set<Task> stuck) {
        return dfs(start, stuck, new ArrayList<>(), new HashSet<>());
    }

    private static List<Task> dfs(Task t, Set<Task> stuck, List<Task> path, Set<Task> done) {
        if (path.contains(t)) {
            return new ArrayList<>(path.subList(path.indexOf(t), path.size()));
        }
        if (!done.add(t)) {
            return null;
        }
        path.add(t);
        if (t.blockers().kind() == Kind.ANY_TASK) {
            path.remove(path.size() - 1);
            return null;
        }
        for (Task next : t.blockers().tasks()) {
            if (stuck.contains(next)) {
                List<Task> c = dfs(next, stuck, path, done);
                if (c != null) {
                    return c;
                }
            }
        }
        path.remove(path.size() - 1);
        return null;
    }

    /** The chain of stuck tasks from {@code start} to one whose wait nothing can end. */
    private static List<Task> deadEnd(Task start, Set<Task> stuck) {
        List<Task> chain = new ArrayList<>();
        Task t = start;
        while (t != null && !chain.contains(t)) {
            chain.add(t);
            Task next = null;
            for (Task b : t.blockers().tasks()) {
                if (stuck.contains(b)) {
                    next = b;
                    break;
                }
            }
            t = next;
        }
        return chain;
    }
}
