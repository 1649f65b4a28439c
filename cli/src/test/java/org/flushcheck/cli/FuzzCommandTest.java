package org.flushcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flushcheck.explore.Search;
import org.flushcheck.fuzz.Probe;
import org.flushcheck.scenario.Scenario;
import org.flushcheck.scenario.ScenarioParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fuzz} end to end: the same arguments print the same summary, and every reproducer
 * it writes parses and, explored again under the stated budget, shows its finding and
 * exactly the verdicts its {@code expect:} names.
 */
class FuzzCommandTest {

    /** A pass small enough for the build that finds a STALL and a DATA_LOSS: seed 1 of page-writeback-1.6. */
    static final String[] FIXED = {"--design", "page-writeback-1.6", "--seed", "1", "--count", "6",
        "--shrink-tries", "20"};

    private static final Pattern FINDING = Pattern.compile(
            "(?m)^ +\\d+\\. (.+)\\n(?:.*\\n)*? +reproducer: (.+)\\n(?: +explore: .+\\n)(?: +replay: +\\./flushcheck run \\S+"
                    + " --schedule (\\S+)\\n)?");

    @TempDir
    Path dir;

    /** Two runs with the same arguments: the same stdout byte for byte, exit 1 (findings), reproducers that reproduce. */
    @Test
    void fuzz_fixedSeed_deterministicAndReproducible() {
        Cli first = fuzz(dir, FIXED);
        Cli second = fuzz(dir, FIXED);
        assertEquals(1, first.code(), first::toString);
        assertEquals(first.out(), second.out());
        assertTrue(first.out().contains("bound: each of the 6 scenarios was explored by pct d=3 seed=1, 20 schedules"),
                first::toString);
        assertTrue(first.err().contains("fuzz: scenario 6/6"), first::toString);
        List<String[]> found = findings(first.out());
        assertFalse(found.isEmpty(), first::toString);
        assertTrue(first.out().contains("distinct findings: " + found.size() + "\n"), first::toString);
        for (String[] f : found) {
            reproduces(f[0], Path.of(f[1]), f[2], 1);
        }
    }

    /** The long pass of -Pdeep: a thousand scenarios, every reproducer checked (skipped unless fuzz.deep.count is set). */
    @Test
    void fuzz_deep_everyReproducerReproduces() {
        int count = Integer.getInteger("fuzz.deep.count", 0);
        assumeTrue(count > 0, "set -Dfuzz.deep.count (mvn -Pdeep) for the long pass");
        Cli r = fuzz(dir, "--design", "safe-deferred", "--seed", "1", "--count", String.valueOf(count));
        assertTrue(r.code() == 0 || r.code() == 1, r::toString);
        assertTrue(r.out().contains("(rejected by the model: 0)"), r::toString);
        for (String[] f : findings(r.out())) {
            reproduces(f[0], Path.of(f[1]), f[2], 1);
        }
    }

    private static Cli fuzz(Path out, String... args) {
        List<String> argv = new ArrayList<>(List.of("fuzz", "--out", out.toString()));
        argv.addAll(List.of(args));
        return Cli.run(argv.toArray(String[]::new));
    }

    /** Key, reproducer path and schedule id (null for a run that broke) of every finding in a summary. */
    static List<String[]> findings(String summary) {
        List<String[]> out = new ArrayList<>();
        Matcher m = FINDING.matcher(summary);
        while (m.find()) {
            out.add(new String[] {m.group(1), m.group(2), m.group(3)});
        }
        return out;
    }

    /**
     * The reproducer parses; explored with the flags its header names it shows {@code key}
     * and the verdict set its expect names ({@code run} exits 0); its schedule id replays a
     * run of the stated verdict.
     */
    private static void reproduces(String key, Path file, String schedule, long seed) {
        Scenario s = ScenarioParser.read(file);
        Probe.Result r = explore(s, Search.pct(3, seed, FuzzCommand.DEFAULT_SCHEDULES));
        assertTrue(r.hits().containsKey(key), () -> file + " no longer shows " + key + ": " + r.hits().keySet());
        if (schedule == null) {
            return;
        }
        assertEquals(s.expect().expected(s.design(), s.kernel()), r.reached(), file::toString);
        Cli run = Cli.run("run", file.toString(), "--explore", "pct", "--depth", "3", "--seed",
                String.valueOf(seed), "--schedules", String.valueOf(FuzzCommand.DEFAULT_SCHEDULES));
        assertEquals(0, run.code(), () -> file + "\n" + run);
        Cli replay = Cli.run("run", file.toString(), "--schedule", schedule);
        String verdict = r.hits().get(key).verdict();
        assertTrue(replay.out().contains("verdict: " + verdict), () -> file + "\n" + replay);
    }

    private static Probe.Result explore(Scenario s, Search search) {
        Path cacheRoot = Temp.dir();
        try {
            return new Probe(search, Duration.ofSeconds(10), cacheRoot).run(s);
        } finally {
            Temp.delete(cacheRoot);
        }
    }
}
