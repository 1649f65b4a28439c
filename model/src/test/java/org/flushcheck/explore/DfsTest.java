package org.flushcheck.explore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.flushcheck.sync.Chooser;
import org.flushcheck.sync.Controller;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code dfs} on abstract programs (each task a list of step footprints), against brute
 * force: bounded counts against an enumeration of every interleaving, DPOR's complete
 * count against the number of Mazurkiewicz traces.
 */
class DfsTest {

    private static final long SHARED = fp(7);

    private static long fp(int resource) {
        return ((long) resource << 32) | 0xffffffffL;
    }

    /** Runs {@code tasks} under {@code s} until it is done; the runs it counted. */
    private static List<List<Integer>> explore(Strategy s, long[][] tasks) {
        List<List<Integer>> runs = new ArrayList<>();
        while (s.beginRun()) {
            int[] at = new int[tasks.length];
            List<Integer> order = new ArrayList<>();
            int previous = 0;
            Chooser.Decision last = null;
            boolean pruned = false;
            for (int step = 0; ; step++) {
                List<Chooser.Choice> enabled = new ArrayList<>();
                for (int t = 0; t < tasks.length; t++) {
                    if (at[t] < tasks[t].length) {
                        enabled.add(new Chooser.Choice(t + 1, tasks[t][at[t]]));
                    }
                }
                if (enabled.isEmpty()) {
                    break;
                }
                if (last != null) {
                    s.ran(last, previous, last.footprintOf(previous));
                }
                final int prev = previous;
                Chooser.Decision d = new Chooser.Decision(step, enabled, prev,
                        enabled.stream().anyMatch(c -> c.pid() == prev));
                int pid;
                try {
                    pid = s.choose(d);
                } catch (Chooser.Prune e) {
                    pruned = true;
                    break;
                }
                at[pid - 1]++;
                order.add(pid);
                previous = pid;
                last = d;
            }
            Controller.Result<Void> r = new Controller.Result<>(null, null, order.size(), 0, 0, List.of(),
                    pruned ? "pruned: test" : null, null);
            if (s.endRun(r)) {
                runs.add(order);
            }
        }
        return runs;
    }

    /** Every interleaving of {@code tasks} with its preemption count. */
    private static void all(long[][] tasks, int[] at, int previous, int preemptions, List<Integer> order,
            List<int[]> counts, List<List<Integer>> out) {
        boolean any = false;
        for (int t = 0; t < tasks.length; t++) {
            if (at[t] < tasks[t].length) {
                any = true;
                boolean prevEnabled = previous > 0 && at[previous - 1] < tasks[previous - 1].length;
                int p = preemptions + (prevEnabled && previous != t + 1 ? 1 : 0);
                at[t]++;
                order.add(t + 1);
                all(tasks, at, t + 1, p, order, counts, out);
                order.remove(order.size() - 1);
                at[t]--;
            }
        }
        if (!any) {
            out.add(List.copyOf(order));
            counts.add(new int[] {preemptions});
        }
    }

    /** With every step dependent, dfs k explores exactly the interleavings with at most k preemptions. */
    @ParameterizedTest
    @CsvSource({"2,2,0", "2,2,1", "2,3,1", "2,3,2", "3,2,0", "3,2,1", "3,2,2", "3,3,2"})
    void dfsBounded_dependentSteps_matchesBruteForce(int taskCount, int steps, int k) {
        long[][] tasks = new long[taskCount][steps];
        for (long[] t : tasks) {
            java.util.Arrays.fill(t, SHARED);
        }
        List<List<Integer>> orders = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        all(tasks, new int[taskCount], 0, 0, new ArrayList<>(), counts, orders);
        Set<List<Integer>> want = new HashSet<>();
        for (int i = 0; i < orders.size(); i++) {
            if (counts.get(i)[0] <= k) {
                want.add(orders.get(i));
            }
        }
        List<List<Integer>> got = explore(new Dfs(k, 0, 1), tasks);
        assertEquals(want.size(), got.size(), "no schedule twice");
        assertEquals(want, new HashSet<>(got));
    }

    /** The trace of an interleaving: for each pair of dependent steps of two tasks, which came first. */
    private static Set<String> trace(long[][] tasks, List<Integer> order) {
        List<int[]> steps = new ArrayList<>();
        int[] at = new int[tasks.length];
        for (int pid : order) {
            steps.add(new int[] {pid, at[pid - 1]++});
        }
        Set<String> out = new TreeSet<>();
        for (int i = 0; i < steps.size(); i++) {
            for (int j = i + 1; j < steps.size(); j++) {
                int[] a = steps.get(i);
                int[] b = steps.get(j);
                if (a[0] != b[0] && !org.flushcheck.sync.Footprint.independent(tasks[a[0] - 1][a[1]],
                        tasks[b[0] - 1][b[1]])) {
                    out.add(a[0] + "." + a[1] + "<" + b[0] + "." + b[1]);
                }
            }
        }
        return out;
    }

    /** Without a bound, DPOR with sleep sets explores each Mazurkiewicz trace exactly once, on random programs. */
    @Test
    void dfsDpor_randomPrograms_oneRunPerTrace() {
        SplittableRandom random = new SplittableRandom(11);
        for (int program = 0; program < 2000; program++) {
            int taskCount = 2 + random.nextInt(2);
            long[][] tasks = new long[taskCount][];
            for (int t = 0; t < taskCount; t++) {
                tasks[t] = new long[1 + random.nextInt(3)];
                for (int s = 0; s < tasks[t].length; s++) {
                    tasks[t][s] = fp(1 + random.nextInt(3));
                }
            }
            List<List<Integer>> orders = new ArrayList<>();
            all(tasks, new int[taskCount], 0, 0, new ArrayList<>(), new ArrayList<>(), orders);
            Set<Set<String>> traces = new HashSet<>();
            orders.forEach(o -> traces.add(trace(tasks, o)));
            List<List<Integer>> got = explore(new Dfs(-1, 0, 1), tasks);
            Set<Set<String>> explored = new HashSet<>();
            got.forEach(o -> explored.add(trace(tasks, o)));
            assertEquals(traces, explored, "program " + program + ": every trace explored");
            assertEquals(explored.size(), got.size(), "program " + program + ": no trace twice");
        }
    }
}
