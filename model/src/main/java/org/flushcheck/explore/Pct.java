package org.flushcheck.explore;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.flushcheck.sync.Controller;

/**
 * {@code pct}: probabilistic concurrency testing (Burckhardt et al., ASPLOS 2010). Each
 * run gives every task a random distinct priority of at least {@code d} and picks
 * {@code d - 1} random change points among the steps; the highest-priority enabled task
 * always runs, and at the i-th change point the running task drops to priority i.
 *
 * <p>Bound: a bug of depth {@code d} (d ordering constraints) in a program of at most
 * {@code n} tasks and {@code k} steps is found by one run with probability at least
 * {@code 1 / (n * k^(d-1))}. {@code k} is learnt: the longest run so far (the first run
 * draws its change points below {@link #FIRST_STEPS}); {@link #describe} states n, k and
 * the bound reached.
 */
final class Pct implements Strategy {

    static final int FIRST_STEPS = 200;

    private final long seed;
    private final int depth;
    private final SplittableRandom random;
    private final Map<Integer, Integer> priority = new HashMap<>();
    private int[] changes = new int[0];
    private int maxSteps;
    private int maxTasks = 1;

    Pct(long seed, int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("pct depth " + depth + " must be at least 1");
        }
        this.seed = seed;
        this.depth = depth;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public boolean beginRun() {
        priority.clear();
        changes = new int[depth - 1];
        for (int i = 0; i < changes.length; i++) {
            changes[i] = 1 + random.nextInt(maxSteps == 0 ? FIRST_STEPS : maxSteps);
        }
        return true;
    }

    @Override
    public int choose(Decision d) {
        for (Choice c : d.enabled()) {
            priority.computeIfAbsent(c.pid(), pid -> depth + random.nextInt(1 << 20));
        }
        maxTasks = Math.max(maxTasks, priority.size());
        for (int i = 0; i < changes.length; i++) {
            if (changes[i] == d.step() && d.previous() != 0) {
                priority.put(d.previous(), i + 1);
            }
        }
        int best = d.enabled().get(0).pid();
        for (Choice c : d.enabled()) {
            int p = priority.get(c.pid());
            int b = priority.get(best);
            if (p > b || (p == b && c.pid() < best)) {
                best = c.pid();
            }
        }
        return best;
    }

    @Override
    public boolean endRun(Controller.Result<?> run) {
        maxSteps = Math.max(maxSteps, run.steps());
        return true;
    }

    @Override
    public boolean complete() {
        return false;
    }

    /** PCT's lower bound on the chance that one run finds a given depth-d bug. */
    double perRunBound() {
        return 1.0 / (maxTasks * Math.pow(Math.max(1, maxSteps), depth - 1));
    }

    @Override
    public String describe() {
        return "pct d=" + depth + ", seed " + seed + " (n=" + maxTasks + " tasks, k=" + maxSteps
                + " steps: each run finds a given depth-" + depth + " bug with p >= "
                + String.format(java.util.Locale.ROOT, "%.2g", perRunBound()) + ")";
    }
}
