package org.flushcheck.explore;

import java.util.List;
import org.flushcheck.sync.Controller;

/** Replays one schedule id: the recorded switches, the fallback everywhere else. */
final class Replay implements Strategy {

    private final ScheduleId id;
    private List<int[]> switches;
    private int next;
    private boolean ran;

    Replay(ScheduleId id) {
        this.id = id;
    }

    @Override
    public boolean beginRun() {
        if (ran) {
            return false;
        }
        ran = true;
        switches = id.switches();
        next = 0;
        return true;
    }

    @Override
    public int choose(Decision d) {
        if (next < switches.size() && switches.get(next)[0] == d.step()) {
            int pid = switches.get(next++)[1];
            if (!d.isEnabled(pid)) {
                throw new IllegalArgumentException("schedule " + id + " does not fit this scenario: at step "
                        + d.step() + " it runs task " + pid + ", which cannot run there");
            }
            return pid;
        }
        return d.fallback();
    }

    @Override
    public boolean endRun(Controller.Result<?> run) {
        if (run.scheduleError() == null && next < switches.size()) {
            throw new IllegalArgumentException("schedule " + id + " does not fit this scenario: the run ended after "
                    + run.steps() + " steps, before its switch at step " + switches.get(next)[0]);
        }
        return true;
    }

    @Override
    public boolean complete() {
        return ran;
    }

    @Override
    public String describe() {
        return "replay of schedule " + id;
    }
}
