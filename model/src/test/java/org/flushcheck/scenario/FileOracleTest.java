package org.flushcheck.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.flushcheck.detect.Finding;
import org.flushcheck.detect.Verdict;
import org.flushcheck.scenario.FileHistory.Operation;
import org.junit.jupiter.api.Test;

/**
 * The file oracle on planted histories: each kind of loss is DATA_LOSS with a report that
 * says why, each legal race is clean. Intervals are trace sequence numbers: [1, 2] then
 * [3, 4] is sequential, [1, 4] and [2, 3] overlap.
 */
class FileOracleTest {

    private static final Scenario S = ScenarioParser.parse("planted.yaml", """
            scenario: planted
            design: safe-deferred
            threads:
              - name: a
                ops: [writeback]
            expect: {"*": CLEAN}
            """);

    private static final byte[] A = fill(8, 'a');
    private static final byte[] B = fill(8, 'b');

    private static byte[] fill(int n, char c) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) c);
        return b;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static List<Finding> judge(byte[] stored, Operation... ops) {
        FileHistory h = new FileHistory();
        List.of(ops).forEach(h::add);
        return FileOracle.judge(S, 1, () -> h, stored);
    }

    private static void assertClean(List<Finding> findings) {
        assertEquals(List.of(), findings, () -> findings.isEmpty() ? "" : findings.get(0).report());
    }

    private static Finding assertLoss(List<Finding> findings) {
        assertEquals(1, findings.size(), findings::toString);
        assertEquals(Verdict.DATA_LOSS, findings.get(0).verdict(), () -> findings.get(0).report());
        return findings.get(0);
    }

    /** A write that completed but never reached the fileserver is a loss, and the report names the byte. */
    @Test
    void judge_lostWrite_dataLossAtItsFirstByte() {
        Finding f = assertLoss(judge(bytes("aaaa"), Operation.write("a", 1, 2, 0, bytes("aaaa")),
                Operation.write("a", 3, 4, 4, bytes("bbbb"))));
        assertTrue(f.title().contains("differs at byte 4"), f.title());
        assertTrue(f.report().contains("the fileserver has no byte there, the candidate holds 0x62"), f.report());
        assertTrue(f.report().contains("Concurrent (neither ended before the other began): none."), f.report());
    }

    /** Bytes cut by a completed truncate and zero-filled by a later write must not come back. */
    @Test
    void judge_resurrectedTruncatedBytes_dataLoss() {
        Operation[] ops = {Operation.write("a", 1, 2, 0, A), Operation.truncate("a", 3, 4, 2),
            Operation.write("a", 5, 6, 6, bytes("cc"))};
        assertClean(judge(bytes("aa\0\0\0\0cc"), ops));
        assertLoss(judge(bytes("aaaaaacc"), ops));
    }

    /** A truncate that completed but the fileserver never saw is a loss. */
    @Test
    void judge_lostTruncate_dataLoss() {
        Finding f = assertLoss(judge(A, Operation.write("a", 1, 2, 0, A), Operation.truncate("a", 3, 4, 2)));
        assertTrue(f.report().contains("leaves 2 bytes;\nthe first difference is at byte 2 (page 0)"), f.report());
    }

    /** Two concurrent writes serialise under i_mutex: half of each is an order neither gives. */
    @Test
    void judge_tornConcurrentWrites_dataLossNamingTheRace() {
        Finding f = assertLoss(judge(bytes("aaaabbbb"), Operation.write("w1", 1, 4, 0, A),
                Operation.write("w2", 2, 3, 0, B)));
        assertTrue(f.report().contains("w2  ||  w1"), f.report());
    }

    /** Two concurrent overlapping writes may land in either order. */
    @Test
    void judge_concurrentOverlappingWrites_eitherOrderClean() {
        Operation w1 = Operation.write("w1", 1, 4, 0, A);
        Operation w2 = Operation.write("w2", 2, 3, 4, B);
        assertClean(judge(bytes("aaaabbbbbbbb"), w1, w2));
        assertClean(judge(bytes("aaaaaaaabbbb"), w1, w2));
    }

    /**
     * Real time: a write that ended before another began comes first, whatever the bytes
     * would allow. This is the check that goes red when the search ignores real time.
     */
    @Test
    void judge_sequentialWritesInReverse_dataLoss() {
        assertLoss(judge(A, Operation.write("w1", 1, 2, 0, A), Operation.write("w2", 3, 4, 0, B)));
    }

    /** A truncate racing a write: write then truncate, or truncate then write, both legal. */
    @Test
    void judge_truncateRacingWrite_eitherOrderClean() {
        Operation w = Operation.write("w", 1, 4, 0, A);
        Operation t = Operation.truncate("t", 2, 5, 2);
        assertClean(judge(bytes("aa"), w, t));
        assertClean(judge(A, w, t));
        assertLoss(judge(bytes("aaaa"), w, t));
    }

    /** An mmap store racing a truncate keeps only its bytes below EOF, whichever goes first. */
    @Test
    void judge_mmapStoreRacingTruncate_bytesBelowEofOnly() {
        Operation w = Operation.write("w", 1, 2, 0, A);
        Operation st = Operation.store("s", 3, 6, 0, B);
        Operation t = Operation.truncate("t", 4, 5, 3);
        assertClean(judge(bytes("bbb"), w, st, t));
        assertLoss(judge(B, w, st, t));
    }

    /**
     * A two-page read racing a write of both pages may return the old first page and the
     * new second one (Linux copies page by page, no i_mutex): legal. Torn within a page, or
     * new then old where the write ended before the read began, it is not.
     */
    @Test
    void judge_readTornAcrossPagesByRacingWrite_legalPerPageOnly() {
        byte[] oldFile = fill(8192, 'a');
        byte[] newFile = fill(8192, 'b');
        Operation w0 = Operation.write("w0", 1, 2, 0, oldFile);
        Operation w1 = Operation.write("w1", 3, 6, 0, newFile);
        byte[] torn = concat(fill(4096, 'a'), fill(4096, 'b'));
        assertClean(judge(newFile, w0, w1, Operation.read("r", 4, 5, 0, 8192, torn)));
        assertClean(judge(newFile, w0, w1, Operation.read("r", 4, 5, 0, 8192, concat(fill(4096, 'b'),
                fill(4096, 'a')))));
        byte[] tornInPage = concat(fill(4000, 'a'), fill(4192, 'b'));
        assertLoss(judge(newFile, w0, w1, Operation.read("r", 4, 5, 0, 8192, tornInPage)));
        assertLoss(judge(newFile, w0, w1, Operation.read("r", 7, 8, 0, 8192, torn)));
    }

    /** A read racing a truncate may see the first page whole and meet EOF at the second: legal. */
    @Test
    void judge_readTornByRacingTruncate_legalPerPage() {
        byte[] file = fill(8192, 'a');
        Operation w = Operation.write("w", 1, 2, 0, file);
        Operation t = Operation.truncate("t", 3, 6, 100);
        assertClean(judge(fill(100, 'a'), w, t, Operation.read("r", 4, 5, 0, 8192, fill(4096, 'a'))));
        assertLoss(judge(fill(100, 'a'), w, t, Operation.read("r", 4, 5, 0, 8192, fill(5000, 'a'))));
    }

    /**
     * A read racing a two-page write may see the first page written and EOF at the second
     * (write_end moves i_size page by page: fuzz --seed 2 #32); a first page without the
     * write's bytes and the file that long is no state the write passes through.
     */
    @Test
    void judge_readRacingTwoPageWrite_seesItHalfDone() {
        byte[] data = fill(1024, 'w');
        Operation w = Operation.write("w", 1, 6, 3351, data);
        Operation first = Operation.read("r", 2, 3, 0, 1, new byte[1]);
        byte[] halfDone = Arrays.copyOf(new byte[3351], 4096);
        System.arraycopy(data, 0, halfDone, 3351, 4096 - 3351);
        byte[] stored = Arrays.copyOf(new byte[3351], 4375);
        System.arraycopy(data, 0, stored, 3351, 1024);
        assertClean(judge(stored, w, first, Operation.read("r", 4, 5, 0, 8192, halfDone)));
        assertLoss(judge(stored, w, first, Operation.read("r", 4, 5, 0, 8192, new byte[4096])));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** An operation that failed may or may not have taken effect. */
    @Test
    void judge_failedWrite_optionalEitherWay() {
        Operation w = Operation.write("w", 1, 2, 0, A);
        Operation failed = Operation.write("failed", 3, 4, 4, B).optional();
        assertClean(judge(A, w, failed));
        assertClean(judge(bytes("aaaabbbbbbbb"), w, failed));
        assertLoss(judge(B, w, failed));
    }

    /** A read that returned bytes nobody wrote is a loss, and the report names the read and the byte. */
    @Test
    void judge_readOfBytesNeverWritten_dataLossNamingTheRead() {
        Finding f = assertLoss(judge(A, Operation.write("w", 1, 2, 0, A),
                Operation.read("r", 3, 4, 0, 8, bytes("aazaaaaa"))));
        assertTrue(f.title().contains("a read of file 1 returned bytes no linearization allows (r)"), f.title());
        assertTrue(f.report().contains("r: differs at byte 2 (the file holds 0x61)"), f.report());
    }

    /** A read after a completed write must see it: the old bytes are stale; concurrent with it, either. */
    @Test
    void judge_staleReadAfterCompletedWrite_dataLoss() {
        Operation w1 = Operation.write("w1", 1, 2, 0, A);
        assertLoss(judge(B, w1, Operation.write("w2", 3, 4, 0, B), Operation.read("r", 5, 6, 0, 8, A)));
        assertClean(judge(B, w1, Operation.write("w2", 3, 6, 0, B), Operation.read("r", 4, 5, 0, 8, A)));
        assertClean(judge(B, w1, Operation.write("w2", 3, 6, 0, B), Operation.read("r", 4, 5, 0, 8, B)));
    }

    /** A read at EOF returns fewer bytes than asked; one returning more or fewer than the file has is a loss. */
    @Test
    void judge_shortReadAtEof_onlyWhatTheFileHas() {
        Operation w = Operation.write("w", 1, 2, 0, bytes("aaaa"));
        assertClean(judge(bytes("aaaa"), w, Operation.read("r", 3, 4, 2, 8, bytes("aa"))));
        assertLoss(judge(bytes("aaaa"), w, Operation.read("r", 3, 4, 2, 8, bytes("a"))));
    }

    /** A history beyond the search's bound is a BUG naming the scenario, never a hang. */
    @Test
    void judge_tooManyOperations_bugNamingTheScenario() {
        Operation[] ops = IntStream.range(0, Linearization.MAX_OPERATIONS + 1)
                .mapToObj(i -> Operation.write("w" + i, 1, 1000, i, bytes("x"))).toArray(Operation[]::new);
        List<Finding> f = judge(new byte[0], ops);
        assertEquals(Verdict.BUG, f.get(0).verdict(), f::toString);
        assertTrue(f.get(0).title().contains("of planted") && f.get(0).report().contains("65 operations"),
                f.get(0).report());
    }

    /** Concurrent writes enough to blow the budget: a BUG, reached quickly. */
    @Test
    void judge_searchBeyondBudget_bug() {
        Operation[] ops = IntStream.range(0, 40)
                .mapToObj(i -> Operation.write("w" + i, 1 + i, 1000, i, bytes("x"))).toArray(Operation[]::new);
        List<Finding> f = judge(bytes("nothing any order leaves"), ops);
        assertEquals(Verdict.BUG, f.get(0).verdict(), f::toString);
        assertTrue(f.get(0).report().contains("configurations"), f.get(0).report());
    }

    /** Whatever breaks in the oracle itself is a BUG finding, not an exception out of the runner. */
    @Test
    void judge_oracleThrows_bug() {
        List<Finding> f = FileOracle.judge(S, 1, () -> {
            throw new ArrayIndexOutOfBoundsException("planted");
        }, new byte[0]);
        assertEquals(Verdict.BUG, f.get(0).verdict(), f::toString);
        assertTrue(f.get(0).report().contains("ArrayIndexOutOfBoundsException: planted"), f.get(0).report());
    }

    /** From a trace: a short write counts only the bytes it reports, a failed one is optional. */
    @Test
    void of_shortAndFailedWrites_honoured() {
        Trace t = new Trace(List.of("w"));
        Op write = Op.of(Op.Kind.WRITE, 1, 0, 8);
        Op failed = Op.of(Op.Kind.WRITE, 1, 8, 8);
        t.begin("w", 0, write);
        t.end("w", 0, write, Trace.Returned.count("wrote", 3));
        t.begin("w", 1, failed);
        t.failed("w", 1, failed, new IllegalStateException("planted"));
        FileHistory h = FileHistory.of(t.events(), 1);
        byte[] three = Arrays.copyOf(ScenarioRunner.pattern("w", 0, write), 3);
        assertClean(FileOracle.judge(S, 1, () -> h, three));
        assertLoss(FileOracle.judge(S, 1, () -> h, ScenarioRunner.pattern("w", 0, write)));
        assertTrue(h.operations().get(1).isOptional(), h.operations()::toString);
    }
}
