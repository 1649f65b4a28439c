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
import org.flushcheck.sync.Event;
import org.flushcheck.sync.RacyFlag;
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

    /**
     * Two daemons of n dependent steps each, started, then asleep in an idle wait until
     * the harness stops them: C(2n, n) schedules explored, or one when started inside
     * {@link org.flushcheck.sync.Domain#settle} and stopped after {@code fixOrder}.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void settleAndFixOrder_daemonStartAndStop_notExplored(boolean settled) {
        int n = 3;
        Explorer.Program<String> daemons = (chooser, maxSteps) -> Controller.run(Observer.NONE, chooser, maxSteps,
                d -> {
                    Racy x = new Racy(d, "x");
                    Event idle = Event.idle(d, "idle");
                    RacyFlag stop = new RacyFlag(d, "stop", idle);
                    List<TaskHandle> born = new ArrayList<>();
                    Runnable start = () -> {
                        for (int t = 0; t < 2; t++) {
                            born.add(d.spawn("daemon", () -> {
                                for (int i = 0; i < n; i++) {
                                    x.access();
                                }
                                idle.waitUntil(stop::get, idle);
                                x.access();
                            }));
                        }
                    };
                    if (settled) {
                        d.settle(start);
                        d.fixOrder();
                    } else {
                        start.run();
                    }
                    stop.set(true);
                    idle.wakeup();
                    born.forEach(TaskHandle::join);
                    return "";
                });
        Exploration<String, String> e = Explorer.explore(daemons, Search.dfs(-1, 100_000), Set::of);
        assertTrue(e.complete(), e.bound());
        if (settled) {
            assertEquals(1, e.schedules(), e.bound());
        } else {
            assertTrue(e.schedules() >= binomial(2 * n, n), e.bound());
        }
    }

    /**
     * A wait whose condition reads only its region's locations commutes with steps
     * elsewhere, so DPOR explores fewer schedules than when the same wait is GLOBAL; a
     * condition that reads outside its region fails the run instead of hiding a dependence.
     */
    @Test
    void waitUntilRegion_independentOfOtherSteps_andReadsCheckedInControlledRuns() {
        long regional = Explorer.explore(waitAndOthers(true), Search.dfs(-1, 100_000), Set::of).schedules();
        long global = Explorer.explore(waitAndOthers(false), Search.dfs(-1, 100_000), Set::of).schedules();
        assertTrue(regional < global, regional + " schedules with the region, " + global + " without");

        Explorer.Program<Boolean> outside = (chooser, maxSteps) -> Controller.run(Observer.NONE, chooser, maxSteps,
                d -> {
                    Event done = new Event(d, "done", Event.ANY_TASK);
                    RacyFlag elsewhere = new RacyFlag(d, "elsewhere");
                    elsewhere.set(true);
                    done.waitUntil(elsewhere::get, done);
                    return true;
                });
        Controller.Result<Boolean> run = Explorer.replay(outside, ScheduleId.of(List.of()));
        assertTrue(run.failure() instanceof IllegalStateException
                && run.failure().getMessage().contains("outside it"), String.valueOf(run.failure()));
    }

    /** A wait for a flag a waker sets, and a task whose steps touch neither. */
    private static Explorer.Program<String> waitAndOthers(boolean region) {
        return (chooser, maxSteps) -> Controller.run(Observer.NONE, chooser, maxSteps, d -> {
            Event done = new Event(d, "done", Event.ANY_TASK);
            RacyFlag flag = new RacyFlag(d, "flag", done);
            Racy y = new Racy(d, "y");
            TaskHandle other = d.spawn("other", () -> {
                for (int i = 0; i < 4; i++) {
                    y.access();
                }
            });
            TaskHandle waker = d.spawn("waker", () -> {
                flag.set(true);
                done.wakeup();
            });
            if (region) {
                done.waitUntil(flag::get, done);
            } else {
                done.waitUntil(flag::get);
            }
            other.join();
            waker.join();
            return "";
        });
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
