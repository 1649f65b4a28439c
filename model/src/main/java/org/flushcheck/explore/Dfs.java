package org.flushcheck.explore;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flushcheck.sync.Controller;
import org.flushcheck.sync.Footprint;

/**
 * {@code dfs}: every schedule with at most {@code k} preemptions (CHESS's iterative
 * context bounding, one k), depth first, stateless: each run replays the prefix on the
 * stack and extends it, and a backtrack picks the next untried choice of the deepest
 * frame.
 *
 * <p>Reduction: sleep sets (Godefroid). When a frame's choice {@code t} has been
 * explored, {@code t} sleeps in its siblings' subtrees for as long as only steps
 * independent of it run (disjoint footprints, {@link Footprint}); a sleeping task is not
 * chosen, and a state where every enabled task sleeps is pruned. Sleep sets are sound
 * with preemption bounding (Musuvathi and Qadeer, PLDI 2007): what they skip is
 * equivalent to a schedule explored with no more preemptions.
 *
 * <p>Without a preemption bound, dynamic partial-order reduction too (Flanagan and
 * Godefroid, POPL 2005, stateless, with sleep sets): a frame explores only its backtrack
 * set, which starts with one choice and grows when a later run shows a race: a step
 * {@code i} and the last earlier step {@code j} of another task that is dependent on it
 * and not ordered before it by happens-before (vector clocks over program order and
 * dependence). Then every task enabled at {@code j}'s frame joins its backtrack set: the
 * conservative rule (the paper adds {@code i}'s task alone when it was enabled there;
 * with our sleep sets that rule lost a trace on one random program in 200 of
 * {@code DfsTest}). Every Mazurkiewicz trace is explored once; with a bound DPOR is not
 * sound, so a bounded search keeps sleep sets alone. Sharded, the frames above the split
 * explore every choice, so that all shards number the same subtrees.
 *
 * <p>Order: at each frame the non-preempting choice comes first, then the others by
 * pid, so the first runs are the ones with fewest preemptions.
 *
 * <p>Shards: with {@code n} shards, the subtrees rooted at the frames of branch depth
 * {@link #splitDepth} (frames with two or more choices counted from the root) are
 * numbered in DFS order, which every shard sees alike; shard {@code i} explores those
 * numbered {@code i mod n}, and shard 0 also the runs that end above that depth. The
 * shards' schedules partition the unsharded search's.
 */
final class Dfs implements Strategy {

    /** One decision on the stack. */
    private static final class Frame {
        final Decision decision;
        final int preemptionsBefore;
        final int branchDepth;
        /** pid to footprint of the tasks asleep on entry. */
        final Map<Integer, Long> sleep;
        final Set<Integer> done = new HashSet<>();
        /** DPOR only: the choices this frame must explore. */
        final Set<Integer> backtrack = new java.util.LinkedHashSet<>();
        int chosen;
        long executed;

        Frame(Decision decision, int preemptionsBefore, int branchDepth, Map<Integer, Long> sleep) {
            this.decision = decision;
            this.preemptionsBefore = preemptionsBefore;
            this.branchDepth = branchDepth;
            this.sleep = sleep;
        }
    }

    private final int bound;
    private final int shard;
    private final int shards;
    private final int splitDepth;
    private final List<Frame> stack = new ArrayList<>();
    private int depth;
    private int preemptions;
    private boolean exhausted;
    private boolean reachedSplit;
    private int subtrees;
    private long redundant;

    /** Every schedule with at most {@code bound} preemptions (negative: any number), shard {@code shard} of {@code shards}. */
    Dfs(int bound, int shard, int shards) {
        if (shards < 1 || shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("shard " + (shard + 1) + "/" + shards + " does not exist");
        }
        this.bound = bound;
        this.shard = shard;
        this.shards = shards;
        this.splitDepth = shards == 1 ? Integer.MAX_VALUE
                : 32 - Integer.numberOfLeadingZeros(4 * shards - 1);
    }

    @Override
    public boolean beginRun() {
        depth = 0;
        preemptions = 0;
        reachedSplit = false;
        return !exhausted;
    }

    @Override
    public int choose(Decision d) {
        Frame f;
        if (depth < stack.size()) {
            f = stack.get(depth);
            if (!samePids(f.decision, d)) {
                throw new IllegalStateException("the model is not deterministic: at step " + d.step()
                        + " the enabled tasks were " + pids(f.decision) + " and are now " + pids(d));
            }
        } else {
            Frame parent = depth == 0 ? null : stack.get(depth - 1);
            int branch = parent == null ? 0
                    : parent.branchDepth + (parent.decision.enabled().size() > 1 ? 1 : 0);
            f = new Frame(d, preemptions, branch, parent == null ? Map.of() : childSleep(parent));
            if (shards > 1 && branch < splitDepth) {
                d.enabled().forEach(e -> f.backtrack.add(e.pid())); // every shard sees the same prefix tree
            }
            List<Integer> c = candidates(f);
            if (c.isEmpty()) {
                redundant++;
                throw new org.flushcheck.sync.Chooser.Prune("every enabled task sleeps or would exceed k=" + bound);
            }
            f.chosen = c.get(0);
            f.backtrack.add(f.chosen);
            f.executed = d.footprintOf(f.chosen);
            stack.add(f);
            if (branch == splitDepth && parent.branchDepth < splitDepth) {
                if (subtrees++ % shards != shard) {
                    f.done.addAll(c); // another shard's subtree
                    throw new org.flushcheck.sync.Chooser.Prune("another shard's subtree");
                }
            }
        }
        if (f.branchDepth >= splitDepth) {
            reachedSplit = true;
        }
        if (d.preempts(f.chosen)) {
            preemptions++;
        }
        f.executed = d.footprintOf(f.chosen);
        depth++;
        return f.chosen;
    }

    @Override
    public void ran(Decision d, int pid, long footprint) {
        stack.get(depth - 1).executed = footprint;
    }

    @Override
    public boolean endRun(Controller.Result<?> run) {
        boolean pruned = run.cut() != null && run.cut().startsWith("pruned");
        boolean mine = !pruned && (shard == 0 || reachedSplit);
        if (depth < stack.size()) {
            stack.subList(depth, stack.size()).clear(); // a frame pruned where it was made
        }
        if (bound < 0) {
            addRaces();
        }
        while (!stack.isEmpty()) {
            Frame top = stack.get(stack.size() - 1);
            top.done.add(top.chosen);
            List<Integer> c = candidates(top);
            if (!c.isEmpty()) {
                top.chosen = c.get(0);
                break;
            }
            stack.remove(stack.size() - 1);
        }
        exhausted = stack.isEmpty();
        return mine;
    }

    @Override
    public boolean complete() {
        return exhausted;
    }

    /** Runs cut because every enabled task slept: work the reduction could not avoid. */
    long redundantRuns() {
        return redundant;
    }

    @Override
    public String describe() {
        return "dfs " + (bound < 0 ? "without a preemption bound, DPOR and sleep sets" : "k=" + bound + " with sleep sets")
                + (shards > 1 ? ", shard " + (shard + 1) + "/" + shards : "");
    }

    /**
     * DPOR's race analysis over the run just ended: for each step, every earlier
     * dependent step of another task that does not happen before it (latest first, the
     * clock growing with each) adds a backtrack point there.
     */
    private void addRaces() {
        int n = stack.size();
        Map<Integer, Integer> index = new java.util.HashMap<>();
        for (Frame f : stack) {
            index.putIfAbsent(f.chosen, index.size());
        }
        int[][] clock = new int[n][];
        int[] last = new int[index.size()];
        java.util.Arrays.fill(last, -1);
        for (int i = 0; i < n; i++) {
            Frame fi = stack.get(i);
            int p = index.get(fi.chosen);
            int prev = last[p];
            int[] vc = prev < 0 ? new int[index.size()] : clock[prev].clone();
            for (int j = i - 1; j >= 0; j--) {
                Frame fj = stack.get(j);
                if (fj.chosen == fi.chosen || Footprint.independent(fj.executed, fi.executed)) {
                    continue;
                }
                int q = index.get(fj.chosen);
                if (vc[q] < j + 1) { // not ordered before i by what i already knows: a race
                    fj.decision.enabled().forEach(c -> fj.backtrack.add(c.pid()));
                }
                int[] cj = clock[j];
                for (int x = 0; x < vc.length; x++) {
                    vc[x] = Math.max(vc[x], cj[x]);
                }
            }
            vc[p] = i + 1;
            clock[i] = vc;
            last[p] = i;
        }
    }

    /** The untried choices of {@code f} in the order to try them: awake, within the bound. */
    private List<Integer> candidates(Frame f) {
        Decision d = f.decision;
        List<Integer> out = new ArrayList<>();
        int fallback = d.fallback();
        addIfOpen(f, fallback, out);
        for (var c : d.enabled()) {
            if (c.pid() != fallback) {
                addIfOpen(f, c.pid(), out);
            }
        }
        return out;
    }

    private void addIfOpen(Frame f, int pid, List<Integer> out) {
        Decision d = f.decision;
        if (f.done.contains(pid)) {
            return;
        }
        Long asleep = f.sleep.get(pid);
        if (asleep != null && asleep == d.footprintOf(pid)) {
            return;
        }
        if (bound >= 0 && d.preempts(pid) && f.preemptionsBefore + 1 > bound) {
            return;
        }
        if (bound < 0 && !f.backtrack.isEmpty() && !f.backtrack.contains(pid)) {
            return; // DPOR: not (yet) a race of this frame
        }
        out.add(pid);
    }

    /** The sleep set below {@code parent}'s current choice: what slept or was done there and commutes with it. */
    private static Map<Integer, Long> childSleep(Frame parent) {
        Map<Integer, Long> out = new LinkedHashMap<>();
        parent.sleep.forEach((pid, fp) -> {
            if (pid != parent.chosen && Footprint.independent(fp, parent.executed)) {
                out.put(pid, fp);
            }
        });
        for (int pid : parent.done) {
            long fp = parent.decision.footprintOf(pid);
            if (pid != parent.chosen && Footprint.independent(fp, parent.executed)) {
                out.put(pid, fp);
            }
        }
        return out;
    }

    private static boolean samePids(Decision a, Decision b) {
        return pids(a).equals(pids(b));
    }

    private static List<Integer> pids(Decision d) {
        return d.enabled().stream().map(c -> c.pid()).toList();
    }
}
