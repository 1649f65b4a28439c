package org.flushcheck.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.flushcheck.detect.Verdict;
import org.flushcheck.report.Terminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scenario runner on real threads: verdicts, the interleaving, durability, harness failures. */
class ScenarioRunnerTest {

    @TempDir
    Path dir;

    private final ScenarioRunner runner = new ScenarioRunner(Duration.ZERO); // real threads: no watchdog, no verdict by the host's clock

    private static final String B1 = """
            scenario: b1
            design: write-through-1.4-no-cpagewrite
            sizes: {chunk_pages: 1, cache_chunks: 16, max_dirty_chunks: 1}
            threads:
              - name: writer
                ops:
                  - write: {file: 1, at: 0, bytes: 8192}
                  - fsync: {file: 1}
                  - mmap_store: {file: 1, at: 0, bytes: 8192}
              - name: sync
                after: writer
                ops: [writeback]
            expect: {"*": CLEAN, write-through-1.4-no-cpagewrite: DEADLOCK}
            """;

    /** B1 before CPageWrite: the flusher deadlocks on its own page lock, as expected. */
    @Test
    void run_b1WithoutCPageWrite_deadlockOnPageLock() {
        Outcome o = runner.run(ScenarioParser.parse("b1.yaml", B1), dir);
        assertEquals(Verdict.DEADLOCK, o.verdict());
        assertTrue(o.expected());
        assertEquals(List.of("PG_locked"), o.findings().get(0).classes());
        assertTrue(o.trace().table().contains("| mmap_store {file: 1, at: 0, bytes: 8192} |  |"), o.trace().table());
    }

    /** sync(2) in the caller's context (2.6.18) recurses the same way: the syncer deadlocks itself. */
    @Test
    void run_b1WithSyncInCallerContext_syncerDeadlocks() {
        Outcome o = runner.run(ScenarioParser.parse("b1.yaml", B1.replace("ops: [writeback]", "ops: [sync]")), dir);
        assertEquals(Verdict.DEADLOCK, o.verdict());
        assertTrue(o.findings().get(0).title().startsWith("DEADLOCK: sync/"), o.findings().get(0).title());
    }

    /** The same under the safe design: clean, and the fileserver holds what the spec says. */
    @Test
    void run_b1SafeDeferred_cleanAndDurable() {
        Outcome o = runner.run(ScenarioParser.parse("b1.yaml", B1).on("safe-deferred", "2.6.32"), dir);
        assertEquals(Verdict.CLEAN, o.verdict(), () -> o.findings().toString());
        assertEquals(List.of(), o.notes());
        assertTrue(o.expected());
    }

    /** Two equal operations of one thread (one line) write different bytes; the spec knows which came last. */
    @Test
    void run_equalWritesInOneThread_durableNotDataLoss() {
        Scenario s = ScenarioParser.parse("twice.yaml", """
                scenario: twice
                threads:
                  - name: a
                    ops: [write: {file: 1, at: 0, bytes: 100}, write: {file: 1, at: 0, bytes: 100}]
                """);
        Outcome o = runner.run(s, dir);
        assertEquals(Verdict.CLEAN, o.verdict(), () -> o.findings().toString());
        assertEquals(List.of(), o.notes());
    }

    /** A verdict other than the expected one is reported as unexpected. */
    @Test
    void run_expectationMissed_unexpected() {
        Scenario s = ScenarioParser.parse("b1.yaml", B1.replace("write-through-1.4-no-cpagewrite: DEADLOCK",
                "write-through-1.4-no-cpagewrite: CLEAN"));
        assertEquals(false, runner.run(s, dir).expected());
    }

    /**
     * A controlled run the scheduler cuts with every task aborted, the harness too (fuzz
     * --seed 1 #832's shape: a 16-page machine and a one-chunk cache, here under a step
     * bound a tenth of what it needs), is the detectors' HUNG_TASK
     * verdict with its interleaving, not "the model run broke" (the aborted harness used to
     * throw again from its shutdown of the daemons).
     */
    @Test
    void explore_runCutWithHarnessAborted_hungTaskVerdict() {
        Scenario s = ScenarioParser.parse("cut.yaml", """
                scenario: cut
                kernel: "2.6.32"
                sizes:
                  memory_pages: 16
                  chunk_pages: 1
                  cache_chunks: 1
                threads:
                  - name: t2
                    ops:
                      - write: {file: 2, at: 0, bytes: 125268}
                """);
        org.flushcheck.explore.Exploration<Verdict, Outcome> e = new ScenarioRunner(Duration.ofSeconds(10))
                .explore(s, org.flushcheck.explore.Search.pct(3, 1, 20).maxSteps(2_000), dir);
        assertTrue(e.found().containsKey(Verdict.HUNG_TASK), e.bound() + " reached " + e.found().keySet());
    }

    /**
     * A store through a mapping past EOF is SIGBUS, an outcome the application sees, not
     * bad input: the store stops at the first page wholly past EOF, the bytes before it
     * land, and the oracle judges the store by what it stored.
     */
    @Test
    void run_mmapPastEof_sigbusOutcome() {
        Scenario s = ScenarioParser.parse("eof.yaml", """
                scenario: eof
                threads:
                  - name: a
                    ops:
                      - write: {file: 1, at: 0, bytes: 5000}
                      - mmap_store: {file: 1, at: 4000, bytes: 5000}
                expect: {"*": CLEAN}
                """);
        Outcome o = runner.run(s, dir);
        assertEquals(Verdict.CLEAN, o.verdict(), () -> Terminal.outcome(o));
        assertTrue(Terminal.outcome(o).contains("SIGBUS after 4192 bytes"), () -> Terminal.outcome(o));
    }

    /** The spec file: writes extend, stores overwrite, truncate cuts and zero-extends. */
    @Test
    void sequentialFile_followsPosix() {
        SequentialFile f = new SequentialFile();
        f.write(2, new byte[] {1, 2});
        f.store(0, new byte[] {9});
        f.truncate(6);
        assertEquals(-1, f.firstDifference(new byte[] {9, 0, 1, 2, 0, 0}));
        assertEquals(3, f.firstDifference(new byte[] {9, 0, 1, 7, 0, 0}));
        assertEquals(6, f.firstDifference(new byte[] {9, 0, 1, 2, 0, 0, 0}));
    }
}
