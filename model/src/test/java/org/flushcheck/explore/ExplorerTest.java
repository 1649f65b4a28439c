package org.flushcheck.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.flushcheck.detect.Detectors;
import org.flushcheck.detect.Verdict;
import org.flushcheck.sync.Controller;
import org.flushcheck.sync.DeadlockException;
import org.flushcheck.sync.Observer;
import org.flushcheck.sync.Mutex;
import org.flushcheck.sync.Racy;
import org.flushcheck.sync.TaskHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The explorer on small programs whose schedule counts and verdicts are known. */
class ExplorerTest {

    /** Two tasks of n racy accesses each: on one location, or on two. */
    private static Explorer.Program<String> accesses(int n, boolean shared) {
        return (chooser, maxSteps) -> {
            return Controller.run(Observer.NONE, chooser, maxSteps, d -> {
                Racy x = new Racy(d, "x");
                Racy y = shared ? x : new Racy(d, "y");
                StringBuilder order = new StringBuilder();
                TaskHandle b = d.spawn("b", () -> {
                    for (int i = 0; i < n; i++) {
                        y.access();
                        order.append('b');
                    }
                });
                for (int i = 0; i < n; i++) {
                    x.access();
                    order.append('a');
                }
                b.join();
                return order.toString();
            });
        };
    }

    private static long binomial(int n, int k) {
        long r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return r;
    }

    /** Two tasks of n dependent steps have C(2n, n) schedules, each a distinct order. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void dfs_dependentSteps_binomialSchedules(int n) {
        Exploration<String, String> e = Explorer.explore(accesses(n, true), Search.dfs(-1, 1_000_000),
                Set::of);
        assertTrue(e.complete(), e.bound());
        assertEquals(binomial(2 * n, n), e.schedules(), e.bound());
        assertEquals(binomial(2 * n, n), e.found().size(), "every schedule is a distinct order");
    }

    /** With disjoint footprints every order is equivalent: the reduction explores one. */
    @ParameterizedTest
    @ValueSource(ints = {1, 3, 6})
    void dfs_independentSteps_oneSchedule(int n) {
        Exploration<String, String> e = Explorer.explore(accesses(n, false), Search.dfs(-1, 1_000_000),
                Set::of);
        assertTrue(e.complete(), e.bound());
        assertEquals(1, e.schedules(), e.bound());
    }

    /** Shards partition the search: their schedules add up to the unsharded count, and none is explored twice. */
    @Test
    void dfs_shards_partitionTheSearch() {
        int n = 4;
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Exploration<String, String> e = Explorer.explore(accesses(n, true),
                    Search.dfs(-1, 1_000_000).shard(i, 3), Set::of);
            assertTrue(e.complete(), e.bound());
            all.addAll(e.found().keySet());
        }
        assertEquals(binomial(2 * n, n), all.size());
        assertEquals(binomial(2 * n, n), Set.copyOf(all).size());
    }

    /** ABBA on two mutexes: dfs finds the deadlock with one preemption, and its id replays it. */
    @Test
    void dfs_abba_deadlockFoundAndReplayed() {
        Explorer.Program<Verdict> abba = (chooser, maxSteps) -> {
            Detectors detectors = Detectors.builder().build();
            return Controller.run(detectors, chooser, maxSteps, d -> {
                Mutex a = new Mutex(d, "lock_A");
                Mutex b = new Mutex(d, "lock_B");
                TaskHandle t2 = d.spawn("t2", () -> nested(b, a));
                try {
                    nested(a, b);
                } catch (DeadlockException expected) {
                    // the verdict is the detectors'
                }
                t2.join();
                return detectors.verdict();
            });
        };
        Exploration<Verdict, Verdict> e = Explorer.explore(abba, Search.dfs(1, 10_000), Set::of);
        assertTrue(e.complete(), e.bound());
        assertEquals(Set.of(Verdict.DEADLOCK, Verdict.INVERSION), e.found().keySet(), e.bound());
        ScheduleId id = e.found().get(Verdict.DEADLOCK).schedule();
        for (int i = 0; i < 100; i++) {
            assertEquals(Verdict.DEADLOCK, Explorer.replay(abba, ScheduleId.parse(id.toString())).value());
        }
        Exploration<Verdict, Verdict> none = Explorer.explore(abba, Search.dfs(0, 10_000), Set::of);
        assertEquals(Set.of(Verdict.INVERSION), none.found().keySet(), "no preemption, no deadlock: " + none.bound());
    }

    /** A schedule that asks for a task that cannot run is refused with the step, not replayed as something else. */
    @Test
    void replay_scheduleThatDoesNotFit_refused() {
        ScheduleId bogus = ScheduleId.of(List.of(new int[] {1, 9}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Explorer.replay(accesses(2, true), bogus));
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
    }

    private static void nested(Mutex outer, Mutex inner) {
        outer.lock();
        try {
            inner.lock();
            inner.unlock();
        } finally {
            outer.unlock();
        }
    }
}
