package org.flushcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestCase;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify --junit and --json: B1 under safe-deferred with its expectation turned to
 * DEADLOCK (an unexpected CLEAN) and under 1.4 before CPageWrite (the expected DEADLOCK,
 * three findings), read back by Surefire's JUnit XML reader and by Jackson.
 */
class CiOutputsTest {

    @TempDir
    static Path dir;

    static Cli verify;

    @BeforeAll
    static void verify() throws Exception {
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(scenarios.resolve("b01.yaml"), Files.readString(CommandsTest.B01)
                .replace("\"*\": CLEAN", "\"*\": DEADLOCK"));
        verify = Cli.run("verify", "--design", "safe-deferred", "--design", "write-through-1.4-no-cpagewrite",
                "--kernel", "2.6.32", "--scenarios", scenarios.toString(), "--out", dir.resolve("findings").toString(),
                "--junit", dir.resolve("ci/junit.xml").toString(), "--json", dir.resolve("ci/verify.json").toString());
    }

    /** One testcase per cell, named design @ kernel under the scenario; the unexpected verdict is a failure. */
    @Test
    void junit_oneTestcasePerCell_failurePerUnexpectedVerdict() throws Exception {
        assertEquals(1, verify.code(), verify::toString);
        List<ReportTestSuite> suites = new TestSuiteXmlParser(new NullConsoleLogger())
                .parse(dir.resolve("ci/junit.xml").toString());
        assertEquals(1, suites.size(), suites::toString);
        ReportTestSuite suite = suites.get(0);
        assertEquals("b01-mmap-writeback-recursion", suite.getFullClassName());
        assertEquals(2, suite.getNumberOfTests());
        assertEquals(1, suite.getNumberOfFailures());
        assertEquals(0, suite.getNumberOfErrors());
        List<String> names = new ArrayList<>();
        for (ReportTestCase c : suite.getTestCases()) {
            names.add(c.getName());
            if (c.getName().equals("safe-deferred @ 2.6.32")) {
                assertTrue(c.hasFailure(), c::toString);
                assertEquals("CLEAN, expected DEADLOCK", c.getFailureMessage());
                assertTrue(c.getFailureDetail().contains("reproduce: ./flushcheck run "), c::getFailureDetail);
            } else {
                assertTrue(c.isSuccessful(), c::toString);
            }
        }
        assertEquals(List.of("safe-deferred @ 2.6.32", "write-through-1.4-no-cpagewrite @ 2.6.32"), names);
    }

    /** The JSON summary: the version, counts, each cell's verdict and expected set, and pages that exist. */
    @Test
    void json_cellsVerdictsExpectedAndPages() throws Exception {
        JsonNode j = new ObjectMapper().readTree(dir.resolve("ci/verify.json").toFile());
        assertEquals(1, j.get("schema").asInt());
        assertEquals(Version.number(), j.get("version").asText());
        assertEquals(2, j.at("/summary/runs").asInt());
        assertEquals(1, j.at("/summary/unexpected").asInt());
        JsonNode clean = j.at("/cells/0");
        assertEquals("b01-mmap-writeback-recursion", clean.get("scenario").asText());
        assertEquals("safe-deferred", clean.get("design").asText());
        assertEquals("2.6.32", clean.get("kernel").asText());
        assertEquals("CLEAN", clean.get("verdict").asText());
        assertEquals("[\"DEADLOCK\"]", clean.get("expected").toString());
        assertFalse(clean.get("asExpected").asBoolean());
        assertEquals(0, clean.get("findings").size());
        JsonNode deadlock = j.at("/cells/1");
        assertEquals("DEADLOCK", deadlock.get("verdict").asText());
        assertTrue(deadlock.get("asExpected").asBoolean());
        assertTrue(deadlock.get("findings").size() >= 1, deadlock::toString);
        Set<String> listed = new HashSet<>();
        j.get("findings").forEach(f -> listed.add(f.get("file").asText()));
        assertEquals(j.at("/summary/findings").asInt(), listed.size());
        for (JsonNode page : deadlock.get("findings")) {
            assertTrue(listed.contains(page.asText()), page::asText);
            assertTrue(Files.isRegularFile(dir.resolve("findings").resolve(page.asText())), page::asText);
        }
        JsonNode first = j.at("/findings/0");
        assertEquals("DEADLOCK", first.get("verdict").asText());
        assertTrue(first.get("file").asText().endsWith("-" + first.get("id").asText() + ".md"), first::toString);
        assertTrue(first.get("lockClasses").size() >= 1 && first.get("reproduce").asText().startsWith("./flushcheck run"),
                first::toString);
    }

    /**
     * An explored cell is as expected only when it reaches exactly the expected set: B10
     * under safe-deferred reaches [CLEAN, STALL]; expecting STALL alone (its worst
     * verdict) is a failure in both outputs, not a pass judged by the worst verdict.
     */
    @Test
    void exploredCell_reachesMoreThanExpected_failure() throws Exception {
        Path scenarios = Files.createDirectories(dir.resolve("superset"));
        Files.writeString(scenarios.resolve("b10.yaml"), Files.readString(Path.of("..", "scenarios",
                "b10-cache-drain-waiters.yaml")).replace("safe-deferred: [CLEAN, STALL]", "safe-deferred: STALL"));
        Cli r = Cli.run("verify", "--design", "safe-deferred", "--kernel", "2.6.32", "--scenarios",
                scenarios.toString(), "--out", dir.resolve("superset-findings").toString(),
                "--junit", dir.resolve("superset-ci/junit.xml").toString(),
                "--json", dir.resolve("superset-ci/verify.json").toString());
        assertEquals(1, r.code(), r::toString);
        ReportTestCase c = new TestSuiteXmlParser(new NullConsoleLogger())
                .parse(dir.resolve("superset-ci/junit.xml").toString()).get(0).getTestCases().get(0);
        assertEquals("[CLEAN, STALL], expected STALL", c.getFailureMessage(), c::toString);
        JsonNode cell = new ObjectMapper().readTree(dir.resolve("superset-ci/verify.json").toFile()).at("/cells/0");
        assertEquals("STALL", cell.get("verdict").asText());
        assertEquals("[\"CLEAN\",\"STALL\"]", cell.get("reached").toString());
        assertFalse(cell.get("asExpected").asBoolean(), cell::toString);
        String bound = cell.get("bounds").asText();
        assertTrue(bound.startsWith("pct d=3, seed 1 (") && bound.contains("budget reached, 30 schedules; worst"
                + " verdict by explorer, schedule s"), bound);
    }

    /** An output that cannot be a file is bad input, refused before anything runs. */
    @Test
    void junit_directory_exit2() {
        Cli r = Cli.run("verify", "--junit", dir.toString(), "--out", dir.resolve("other").toString());
        assertEquals(2, r.code(), r::toString);
        assertEquals(1, r.err().lines().count(), r::toString);
        assertTrue(r.err().contains("is a directory, not a file to write"), r::toString);
        assertFalse(Files.exists(dir.resolve("other")));
    }
}
