package org.flushcheck.fuzz;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flushcheck.detect.Finding;
import org.flushcheck.detect.Verdict;
import org.flushcheck.explore.Exploration;
import org.flushcheck.explore.ScheduleId;
import org.flushcheck.explore.Search;
import org.flushcheck.scenario.Outcome;
import org.flushcheck.scenario.Scenario;
import org.flushcheck.scenario.ScenarioException;
import org.flushcheck.scenario.ScenarioRunner;

/**
 * One scenario explored under the fuzz budget, its findings by {@link Key}. The same
 * scenario and search give the same result (the explorer is deterministic), which is what
 * lets the shrinker ask "does this candidate still reach the key?".
 *
 * <p>A run the model could not finish is a finding too ({@code BROKE}, no schedule): an
 * exception out of the model, or a scenario thread failing with anything but the
 * IllegalArgumentException by which the model refuses an impossible request. That refusal
 * is a rejected workload, not a finding: {@link Workload} exists to keep it from happening.
 */
public final class Probe {

    /** A finding: its key, the verdict of the run that showed it, and that run's shortest schedule. */
    public record Hit(String key, String verdict, String title, ScheduleId schedule, int steps) {
    }

    /**
     * What one exploration showed.
     *
     * @param hits      by key, sorted
     * @param reached   every verdict the exploration reached (empty when it broke or was rejected)
     * @param schedules the schedules explored
     * @param rejected  why the model refused the workload, or null
     */
    public record Result(Map<String, Hit> hits, Set<Verdict> reached, long schedules, String rejected) {

        public Result {
            hits = Collections.unmodifiableMap(new TreeMap<>(hits));
        }
    }

    /** What {@link ScenarioRunner} says before the exception of a run that broke. */
    private static final String BROKE = "the model run broke: ";
    private static final Pattern THREAD_FAILED = Pattern.compile("failed: (\\w+(?:Exception|Error)): ");

    private final Search search;
    private final ScenarioRunner runner;
    private final Path cacheRoot;
    private long schedules;

    /** Explores with {@code search}, the runs' cache directories under {@code cacheRoot}. */
    public Probe(Search search, Duration hungTask, Path cacheRoot) {
        this.search = search;
        this.runner = new ScenarioRunner(hungTask);
        this.cacheRoot = cacheRoot;
    }

    public Search search() {
        return search;
    }

    /** Schedules explored by every run of this probe so far. */
    public long schedules() {
        return schedules;
    }

    public Result run(Scenario s) {
        Exploration<Verdict, Outcome> e;
        try {
            e = runner.explore(s, search, cacheRoot);
        } catch (ScenarioException x) {
            Matcher m = THREAD_FAILED.matcher(String.valueOf(x.getMessage()));
            if (m.find() && !m.group(1).equals("IllegalArgumentException")) {
                return broke("BROKE " + m.group(1), x);
            }
            return new Result(Map.of(), Set.of(), 0, x.getMessage());
        } catch (RuntimeException x) {
            return broke(Key.broke(x), x);
        }
        schedules += e.schedules();
        Map<String, Hit> hits = new TreeMap<>();
        for (boolean primary : new boolean[] {true, false}) {
            e.found().forEach((v, found) -> {
                for (Finding f : found.outcome().findings()) {
                    if ((f.verdict() == v) == primary) {
                        hits.putIfAbsent(Key.of(f), new Hit(Key.of(f), v.name(), f.title(), found.schedule(),
                                found.steps()));
                    }
                }
            });
        }
        Set<Verdict> reached = EnumSet.noneOf(Verdict.class);
        reached.addAll(e.found().keySet());
        return new Result(hits, reached, e.schedules(), null);
    }

    private static Result broke(String key, RuntimeException x) {
        String message = String.valueOf(x.getMessage()).lines().findFirst().orElse("");
        String title = message.substring(message.indexOf(BROKE) < 0 ? 0 : message.indexOf(BROKE) + BROKE.length());
        return new Result(Map.of(key, new Hit(key, "BROKE", title, null, 0)), Set.of(), 0, null);
    }
}
