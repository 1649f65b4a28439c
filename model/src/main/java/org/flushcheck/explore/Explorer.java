package org.flushcheck.explore;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.flushcheck.sync.Chooser;
import org.flushcheck.sync.Controller;

/**
 * The explorer: runs a program under controlled mode again and again, as a
 * {@link Search} directs, and keeps for every verdict the shortest schedule that reached
 * it. Replays one schedule id.
 *
 * <p>Deterministic: the same program, search and budget give the same runs, verdicts and
 * ids on any host (budgets count schedules, never seconds).
 */
public final class Explorer {

    /** A model program: builds a fresh domain, runs under {@link Controller#run} with {@code chooser}. */
    @FunctionalInterface
    public interface Program<R> {
        Controller.Result<R> run(Chooser chooser, int maxSteps);
    }

    private Explorer() {
    }

    /**
     * Explores {@code program}; {@code verdicts} names what one run reached (at least
     * one verdict, e.g. CLEAN).
     */
    public static <K extends Comparable<K>, R> Exploration<K, R> explore(Program<R> program, Search search,
            Function<R, Set<K>> verdicts) {
        Strategy strategy = search.strategy();
        long start = System.nanoTime();
        Map<K, Exploration.Found<R>> found = new LinkedHashMap<>();
        long schedules = 0;
        long executions = 0;
        while (schedules < search.budget() && strategy.beginRun()) {
            Controller.Result<R> run = program.run(strategy, search.maxSteps());
            executions++;
            if (run.scheduleError() != null) {
                throw run.scheduleError();
            }
            if (!strategy.endRun(run)) {
                continue;
            }
            schedules++;
            if (run.failure() != null) {
                throw new IllegalStateException("the program failed under " + strategy.describe() + ", schedule "
                        + ScheduleId.of(run.switches()) + ": " + run.failure(), run.failure());
            }
            for (K k : verdicts.apply(run.value())) {
                Exploration.Found<R> best = found.get(k);
                if (best == null || run.steps() < best.steps()) {
                    found.put(k, new Exploration.Found<>(ScheduleId.of(run.switches()), run.steps(), run.value(),
                            best == null ? schedules : best.firstAt()));
                }
            }
        }
        Map<K, Exploration.Found<R>> sorted = new java.util.TreeMap<>(found);
        return new Exploration<>(sorted, schedules, executions, strategy.complete(), strategy.describe(),
                System.nanoTime() - start);
    }

    /** Replays {@code id}: the same run, step for step. */
    public static <R> Controller.Result<R> replay(Program<R> program, ScheduleId id) {
        Strategy replay = new Replay(id);
        replay.beginRun();
        Controller.Result<R> run = program.run(replay, Search.MAX_STEPS);
        if (run.scheduleError() != null) {
            throw run.scheduleError();
        }
        replay.endRun(run);
        return run;
    }
}
