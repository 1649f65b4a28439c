package org.flushcheck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.flushcheck.design.LockDesign;
import org.flushcheck.detect.Finding;
import org.flushcheck.detect.Verdict;
import org.flushcheck.report.Distinct;
import org.flushcheck.report.FindingPage;
import org.flushcheck.report.FindingsTree;
import org.flushcheck.scenario.Outcome;
import org.flushcheck.scenario.ScenarioParser;
import org.flushcheck.scenario.ScenarioRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The findings/ tree: pages named by identity, not position; verify deletes only pages it wrote. */
class FindingsTreeTest {

    @TempDir
    static Path cache;

    @TempDir
    Path dir;

    /** B1 before CPageWrite (DEADLOCK, INVERSION, ORDER_VIOLATION) and B2 under 1.4 (STALL), each run once. */
    static Outcome b01;
    static Outcome b02;

    @BeforeAll
    static void run() {
        ScenarioRunner runner = new ScenarioRunner(Duration.ZERO); // real threads: no watchdog
        b01 = runner.run(ScenarioParser.read(CommandsTest.B01, "scenarios/b01-mmap-writeback-recursion.yaml")
                .on("write-through-1.4-no-cpagewrite", "2.6.32"), cache);
        Path b02File = CommandsTest.HOME.resolve("scenarios/b02-writepage-past-eof.yaml");
        b02 = runner.run(ScenarioParser.read(b02File, "scenarios/b02-writepage-past-eof.yaml")
                .on("write-through-1.4", "2.6.32"), cache);
    }

    /** Removing a finding deletes only its page; every other page keeps its name and bytes; putting it back restores it. */
    @Test
    void write_findingRemovedOrAdded_changesOnlyItsOwnPages() throws IOException {
        assertFalse(b01.findings().isEmpty() || b02.findings().isEmpty(), () -> b01 + "\n" + b02);
        write(List.of(b01, b02));
        Map<String, String> both = pages(dir);
        write(List.of(b02));
        Map<String, String> onlyB02 = pages(dir);
        assertEquals(FindingsTree.pages(b02).stream().sorted().toList(), List.copyOf(onlyB02.keySet()));
        onlyB02.forEach((name, text) -> assertEquals(both.get(name), text, name));
        write(List.of(b02, b01));
        assertEquals(both, pages(dir), "the same findings in another order: the same pages");
    }

    /** Every page name is the finding's identity: no position, an 8-digit hash, one name per distinct finding. */
    @Test
    void fileName_fromIdentity() {
        List<Distinct> distinct = Distinct.of(List.of(b01, b02), VerifyCommand::command);
        for (Distinct d : distinct) {
            assertTrue(Distinct.isFileName(d.fileName()) && !d.fileName().matches("\\d{3}-.*"), d.fileName());
            assertTrue(d.fileName().startsWith(d.first().scenario().name() + "-" + d.first().scenario().design()),
                    d.fileName());
            assertTrue(d.fileName().endsWith("-" + d.id() + ".md") && d.id().matches("[0-9a-f]{8}"), d.fileName());
        }
        assertEquals(distinct.size(), distinct.stream().map(Distinct::fileName).distinct().count());
    }

    /** A cycle has one identity wherever the detector entered it; a chain's direction matters. */
    @Test
    void id_cycleRotationInvariant_chainNot() {
        Finding ab = new Finding(Verdict.DEADLOCK, "t", "r", List.of("PG_locked", "AFS_GLOCK", "avc->lock"));
        Finding ba = new Finding(Verdict.DEADLOCK, "t", "r", List.of("avc->lock", "PG_locked", "AFS_GLOCK"));
        assertEquals(Distinct.id(b01, ab), Distinct.id(b01, ba));
        assertEquals(List.of("AFS_GLOCK", "avc->lock", "PG_locked"), Distinct.classes(ba));
        Finding s1 = new Finding(Verdict.STALL, "t", "r", List.of("PG_locked", "AFS_GLOCK"));
        Finding s2 = new Finding(Verdict.STALL, "t", "r", List.of("AFS_GLOCK", "PG_locked"));
        assertNotEquals(Distinct.id(b01, s1), Distinct.id(b01, s2));
    }

    /** Stale pages it wrote (now or as numbered pages of an earlier release) go; every other file stays. */
    @Test
    void write_deletesOnlyItsOwnStalePages() throws IOException {
        Map<String, String> foreign = new TreeMap<>(Map.of(
                "notes.md", "my notes\n",
                "123-mine.md", "# 123 my own page\n",
                "mine-deadbeef.md", "# looks like a page, is not one\n## Splat (2.6.32)\n",
                "b01-mmap-writeback-recursion-x-deadlock-0badf00d.txt", "not markdown\n"));
        for (Map.Entry<String, String> e : foreign.entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue());
        }
        Files.writeString(dir.resolve("054-flushvcache-under-glock-write-through-1.4-stall.md"),
                "# 054 task blocked on PG_writeback\n\n| | |\n\n" + FindingPage.EVIDENCE + " (2.6.18)\n\n...\n");
        Files.writeString(dir.resolve("old-page-0123abcd.md"), FindingPage.MARKER + "\n# a finding gone since\n");
        write(List.of(b02));
        Map<String, String> after = new TreeMap<>();
        for (String name : foreign.keySet()) {
            after.put(name, Files.readString(dir.resolve(name)));
        }
        assertEquals(foreign, after);
        assertFalse(Files.exists(dir.resolve("054-flushvcache-under-glock-write-through-1.4-stall.md")));
        assertFalse(Files.exists(dir.resolve("old-page-0123abcd.md")));
        assertEquals(FindingsTree.pages(b02).stream().sorted().toList(), List.copyOf(pages(dir).keySet()));
    }

    /** A README.md it did not write is refused, before anything runs: exit 2, one line, file untouched. */
    @Test
    void verify_outWithForeignReadme_exit2Untouched() throws IOException {
        Files.writeString(dir.resolve("README.md"), "# my project\n");
        assertThrows(IllegalArgumentException.class, () -> write(List.of(b02)));
        Cli r = Cli.run("verify", "--design", "safe-deferred", "--kernel", "2.6.32", "--out", dir.toString());
        assertEquals(2, r.code(), r::toString);
        assertEquals(1, r.err().lines().count(), r::toString);
        assertTrue(r.err().contains("README.md was not written by flushcheck verify"), r::toString);
        assertEquals("# my project\n", Files.readString(dir.resolve("README.md")));
    }

    private void write(List<Outcome> outcomes) {
        List<LockDesign> designs = outcomes.stream().map(o -> o.scenario().design()).distinct()
                .map(LockDesign::named).toList();
        FindingsTree.write(dir, outcomes, designs, VerifyCommand::command);
    }

    private static Map<String, String> pages(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (Path p : FindingsTree.ownPages(dir)) {
            out.put(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8));
        }
        return out;
    }
}
