package org.flushcheck.explore;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.flushcheck.sync.Controller;
import org.flushcheck.sync.Observer;
import org.flushcheck.sync.Racy;
import org.flushcheck.sync.TaskHandle;
import org.junit.jupiter.api.Test;

/** PCT finds a planted bug of depth 2 at least as often as its bound promises. */
class PctTest {

    /**
     * A depth-2 bug: the reader sees the first flag set and the second still clear, which
     * needs two orderings at once (set f before read f, read g before set g).
     */
    private static final Explorer.Program<Boolean> PLANTED = (chooser, maxSteps) -> {
        return Controller.run(Observer.NONE, chooser, maxSteps, d -> {
            Racy f = new Racy(d, "f");
            Racy g = new Racy(d, "g");
            boolean[] flags = new boolean[2];
            boolean[] bug = new boolean[1];
            TaskHandle reader = d.spawn("reader", () -> {
                f.access();
                boolean sawF = flags[0];
                g.access();
                bug[0] = sawF && !flags[1];
            });
            f.access();
            flags[0] = true;
            g.access();
            flags[1] = true;
            reader.join();
            return bug[0];
        });
    };

    /**
     * Over 2000 seeded runs the bug's rate is PCT's 1/(n k^(d-1)) or more, within the
     * sample's error (one binomial standard deviation here is about 0.09 of the bound; the
     * check allows 0.2).
     */
    @Test
    void pct_depth2PlantedBug_foundAtLeastAtItsBound() {
        int runs = 2000;
        Pct pct = new Pct(7, 2);
        int found = 0;
        for (int i = 0; i < runs; i++) {
            pct.beginRun();
            Controller.Result<Boolean> r = PLANTED.run(pct, Search.MAX_STEPS);
            pct.endRun(r);
            if (r.value()) {
                found++;
            }
        }
        double rate = (double) found / runs;
        assertTrue(rate >= 0.8 * pct.perRunBound(), "rate " + rate + " below the bound " + pct.perRunBound()
                + ": " + pct.describe());
        Exploration<Boolean, Boolean> e = Explorer.explore(PLANTED, Search.pct(2, 7, runs), Set::of);
        assertTrue(e.found().containsKey(true), e.bound());
    }

    /** Random and dfs agree with pct that the bug is reachable; dfs k=0 cannot reach it (it needs a preemption). */
    @Test
    void dfs_plantedBug_needsOnePreemption() {
        assertTrue(Explorer.explore(PLANTED, Search.dfs(1, 10_000), Set::of).found().containsKey(true));
        assertTrue(!Explorer.explore(PLANTED, Search.dfs(0, 10_000), Set::of).found().containsKey(true));
        assertTrue(Explorer.explore(PLANTED, Search.random(3, 2000), Set::of).found().containsKey(true));
    }
}
