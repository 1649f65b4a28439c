package org.flushcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.flushcheck.detect.Verdict;
import org.flushcheck.explore.Exploration;
import org.flushcheck.explore.Search;
import org.flushcheck.report.Distinct;
import org.flushcheck.report.FindingPage;
import org.flushcheck.report.Matrix;
import org.flushcheck.scenario.Outcome;
import org.flushcheck.scenario.Scenario;
import org.flushcheck.scenario.ScenarioParser;
import org.flushcheck.scenario.ScenarioRunner;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The commands end to end, in-process: exit codes, what they print and write, golden renderings. */
class CommandsTest {

    static final Path HOME = Path.of(System.getProperty("flushcheck.home", "..")).toAbsolutePath().normalize();
    static final Path B01 = HOME.resolve("scenarios/b01-mmap-writeback-recursion.yaml");

    @TempDir
    Path dir;

    /** designs lists every design and the earlier release of 1.4; explain prints order and table. */
    @Test
    void designsAndExplain_listAndRender() {
        Cli designs = Cli.run("designs");
        assertEquals(0, designs.code(), designs::toString);
        assertTrue(designs.out().contains("safe-deferred") && designs.out().contains("write-through-1.4-no-cpagewrite"),
                designs::toString);
        Cli explain = Cli.run("explain", "safe-deferred");
        assertEquals(0, explain.code(), explain::toString);
        assertTrue(explain.out().contains("## Lock order") && explain.out().contains("| entry point |"),
                explain::toString);
    }

    /** run: the expected DEADLOCK exits 0 and prints the splat and interleaving; a missed expectation exits 1. */
    @Test
    void run_exitFollowsExpectation() throws IOException {
        Cli ok = Cli.run("run", B01.toString(), "--schedules", "5");
        assertEquals(0, ok.code(), ok::toString);
        assertTrue(ok.out().contains("verdict: DEADLOCK (expected)") && ok.out().contains("*** DEADLOCK ***")
                && ok.out().contains("| # | writer | sync |"), ok::toString);
        Path wrong = dir.resolve("wrong.yaml");
        Files.writeString(wrong, Files.readString(B01).replace("write-through-1.4-no-cpagewrite: DEADLOCK",
                "write-through-1.4-no-cpagewrite: CLEAN"));
        Cli bad = Cli.run("run", wrong.toString(), "--runs", "2", "--hung-task", NO_WATCHDOG);
        assertEquals(1, bad.code(), bad::toString);
        assertTrue(bad.out().contains("verdicts over 2 runs: {DEADLOCK=2}"), bad::toString);
    }

    /**
     * The hung-task bound of the real-thread runs here: an hour, which no run of these
     * scenarios nears however busy the host, so none is judged by the host's clock (the
     * graphs name their hangs at once).
     */
    static final String NO_WATCHDOG = "3600";

    /**
     * run --explore lincheck model-checks a whole scenario, every daemon running: B1's
     * DEADLOCK is found by the flusher, with the head of Lincheck's report on the terminal
     * (under 200 lines in all) and the whole report, interleaving table included, in the
     * file asked for. When Lincheck's wall clock trips first the answer is INCONCLUSIVE
     * (exit 3) and the test is skipped (tag {@code lincheck}: {@code -Plincheck}).
     */
    @Test
    @Tag("lincheck")
    void runExploreLincheck_wholeScenario_expectedDeadlockWithInterleaving() throws IOException {
        Path report = dir.resolve("lincheck.txt");
        Cli r = Cli.run("run", B01.toString(), "--explore", "lincheck", "--invocations", "10",
                "--lincheck-report", report.toString());
        assumeFalse(r.code() == 3, () -> "Lincheck could not decide: " + r.out().lines().skip(1).findFirst().orElse(""));
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("verdict: DEADLOCK (expected)") && r.out().contains("[PG_locked]")
                && r.out().contains("--- Lincheck's report\n= Concurrent test failed ="), r::toString);
        assertTrue(r.out().lines().count() < 200, () -> r.out().lines().count() + " lines");
        assertTrue(Files.readString(report).contains("The following interleaving leads to the error:"));
    }

    /** verify on one design and kernel writes the tree and exits 0; a design breaking its scenario exits 1. */
    @Test
    void verify_oneDesign_writesFindingsAndExitCodeFollowsRules() throws IOException {
        Path out = dir.resolve("findings");
        Cli ok = Cli.run("verify", "--design", "safe-deferred", "--kernel", "2.6.32", "--out", out.toString());
        assertEquals(0, ok.code(), ok::toString);
        assertTrue(Files.readString(out.resolve("README.md")).contains("| safe-deferred @ 2.6.32 |"));
        assertTrue(Files.exists(out.resolve("safe-deferred/LOCKING.md")));
        assertTrue(ok.err().contains("b01-mmap-writeback-recursion: safe-deferred @ 2.6.32: CLEAN"), ok::toString);

        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(scenarios.resolve("b01.yaml"), Files.readString(B01).replace("\"*\": CLEAN", "\"*\": DEADLOCK"));
        Cli bad = Cli.run("verify", "--design", "safe-deferred", "--kernel", "2.6.32", "--scenarios",
                scenarios.toString(), "--out", out.toString());
        assertEquals(1, bad.code(), bad::toString);
        assertTrue(bad.out().contains("UNEXPECTED: b01-mmap-writeback-recursion under safe-deferred @ 2.6.32: reached"
                + " CLEAN, expected DEADLOCK"), bad::toString);
    }

    /** reproduce: each hand-written report (B1 lockdep, B2 jstack, B10 khungtaskd) is reached, and replays. */
    @ParameterizedTest
    @ValueSource(strings = {"b1-lockdep", "b2-jstack", "b10-khungtaskd"})
    void reproduce_report_reachesTheHangAndReplays(String report) throws Exception {
        Path in = Path.of(CommandsTest.class.getResource("/reports/" + report + ".txt").toURI());
        Path yaml = dir.resolve(report + ".yaml");
        Cli r = Cli.run("reproduce", in.toString(), "-o", yaml.toString(), "--hung-task", NO_WATCHDOG);
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("reaches the reported hang: ") && r.out().contains("the model reaches the reported"
                + " hang"), r::toString);
        Scenario s = ScenarioParser.read(yaml);
        Cli replay = Cli.run("run", yaml.toString(), "--explore", "stress", // its expectations are real-thread runs
                "--hung-task", NO_WATCHDOG);
        assertEquals(0, replay.code(), replay::toString);
        assertTrue(replay.out().contains("design " + s.design()), replay::toString);
    }

    /** The finding page and the matrix, pinned (source lines masked); -Dgolden.update=true rewrites them. */
    @Test
    void findingPageAndMatrix_golden() throws IOException {
        Scenario s = ScenarioParser.read(B01, "scenarios/b01-mmap-writeback-recursion.yaml");
        ScenarioRunner runner = new ScenarioRunner(Duration.ofSeconds(30));
        // explored, not real-thread runs: which daemon holds what when the cycle closes is a schedule's choice
        List<Outcome> outcomes = List.of(worst(runner.explore(s, Search.dfs(2, 30), dir)),
                worst(runner.explore(s.on("safe-deferred", "2.6.32"), Search.dfs(2, 30), dir)));
        List<Distinct> distinct = Distinct.of(outcomes, VerifyCommand::command);
        golden("finding-page.md", FindingPage.render(distinct.get(0)));
        golden("matrix.md", new Matrix(outcomes).markdown(java.util.Map.of(
                "write-through-1.4-no-cpagewrite @ 2.6.32|b01-mmap-writeback-recursion", distinct.get(0).fileName())));
    }

    private static Outcome worst(Exploration<Verdict, Outcome> e) {
        return e.found().get(e.found().keySet().stream().max(Verdict::compareTo).orElseThrow()).outcome();
    }

    private static void golden(String name, String actual) throws IOException {
        String masked = actual.replaceAll("\\.java:\\d+\\)", ".java:NN)");
        Path file = Path.of("src/test/resources/golden", name);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, masked, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), masked, name);
    }
}
