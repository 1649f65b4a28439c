package org.flushcheck.explore;

import java.util.SplittableRandom;
import org.flushcheck.sync.Controller;

/** {@code random}: at every decision, a uniformly random enabled task; seeded, so repeatable. */
final class RandomWalk implements Strategy {

    private final long seed;
    private final SplittableRandom random;

    RandomWalk(long seed) {
        this.seed = seed;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public boolean beginRun() {
        return true;
    }

    @Override
    public int choose(Decision d) {
        return d.enabled().get(random.nextInt(d.enabled().size())).pid();
    }

    @Override
    public boolean endRun(Controller.Result<?> run) {
        return run.cut() == null || !run.cut().startsWith("pruned");
    }

    @Override
    public boolean complete() {
        return false;
    }

    @Override
    public String describe() {
        return "random, seed " + seed;
    }
}
