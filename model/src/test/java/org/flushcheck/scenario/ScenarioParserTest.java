package org.flushcheck.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.flushcheck.detect.Verdict;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Scenario files: what they mean, and one line naming file, line and field for every bad input. */
class ScenarioParserTest {

    private static final String GOOD = """
            scenario: two-writers
            story: two threads
            design: write-through-1.4-no-cpagewrite
            kernel: "2.6.18"
            sizes:
              chunk_pages: 1
              cache_chunks: 4
              max_dirty_chunks: 2
            fixes:
              truncate_daemon: false
            faults:
              - function: afs_linux_writepage
                errno: ENOSPC
                skip: 1
            threads:
              - name: a
                ops:
                  - write: {file: 1, at: 0, bytes: 4096}
                  - writeback
              - name: b
                after: a
                ops:
                  - await: {drain_waiters: 1, ended: a}
                  - truncate: {file: 1, size: 0}
            expect:
              "*": CLEAN
              naive-deferred@2.6.32: [DEADLOCK, STALL]
              "@2.6.18": [CLEAN, INVERSION]
            """;

    /** A well-formed file reads into the scenario it says, defaults filled in. */
    @Test
    void parse_wellFormed_readsEveryField() {
        Scenario s = ScenarioParser.parse("good.yaml", GOOD);
        assertEquals("two-writers", s.name());
        assertEquals("write-through-1.4-no-cpagewrite", s.design());
        assertEquals("2.6.18", s.kernel());
        assertEquals(1, s.sizes().chunkPages());
        assertEquals(4096, s.sizes().memoryPages());
        assertFalse(s.sizes().truncateDaemonFix());
        assertTrue(s.sizes().storeReleasesLeftovers());
        assertEquals(new Fault("afs_linux_writepage", "ENOSPC", 1, 1, 12), s.faults().get(0));
        assertEquals(Op.of(Op.Kind.WRITE, 1, 0, 4096).toString(), s.threads().get(0).ops().get(0).toString());
        assertEquals("a", s.threads().get(1).ops().get(0).threads().get("ended"));
        assertEquals(EnumSet.of(Verdict.DEADLOCK, Verdict.STALL), s.expect().expected("naive-deferred", "2.6.32"));
        assertEquals(EnumSet.of(Verdict.CLEAN, Verdict.INVERSION), s.expect().expected("safe-deferred", "2.6.18"));
        assertEquals(EnumSet.of(Verdict.CLEAN), s.expect().expected("safe-deferred", "3.2+"));
    }

    /** What the writer writes, the parser reads back to an equal scenario. */
    @Test
    void write_thenParse_roundTrips() {
        Scenario s = ScenarioParser.parse("good.yaml", GOOD);
        Scenario back = ScenarioParser.parse("good.yaml", ScenarioWriter.write(s));
        assertEquals(s.sizes(), back.sizes());
        assertEquals(s.expect(), back.expect());
        assertEquals(s.threads().toString().replaceAll("line=\\d+", ""),
                back.threads().toString().replaceAll("line=\\d+", ""));
        assertEquals(s.faults().get(0).function(), back.faults().get(0).function());
    }

    /** Every bad input is one line: file, line, field, and what is wrong. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "design: nope;                              bad.yaml:2: design: unknown lock design 'nope'",
        "kernel: '2.4';                             bad.yaml:2: kernel: unknown kernel profile '2.4'",
        "colour: blue;                              bad.yaml:2: scenario: unknown field 'colour'",
        "sizes: {chunk_pages: 0};                   bad.yaml:2: sizes.chunk_pages: 0 is out of range",
        "sizes: {cache_chunks: 2, max_dirty_chunks: 3}; bad.yaml:2: sizes: max dirty chunks 3 must be in 1..2",
        "sizes: {memory_pages: lots};               bad.yaml:2: sizes.memory_pages: 'lots' is not a whole number",
        "expect: {'*': FINE};                       bad.yaml:2: expect.*: unknown verdict 'FINE'",
        "expect: {'*': ANY};                        bad.yaml:2: expect.*: 'ANY' hedges: name the exact set",
        "expect: {'*': 'CLEAN|STALL'};              bad.yaml:2: expect.*: 'CLEAN|STALL' hedges: name the exact set",
        "faults: [{function: afs_write}];           bad.yaml:2: faults.function: no fault can be injected into 'afs_write'",
        "faults: [{function: StoreData, errno: EWHAT}]; bad.yaml:2: faults.errno: unknown errno 'EWHAT'",
    })
    void parse_badTopLevelField_oneLineNamingIt(String extra, String message) {
        String text = "scenario: bad\n" + extra + "\nthreads:\n  - name: a\n    ops: [writeback]\n";
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse("bad.yaml", text));
        assertTrue(e.getMessage().startsWith(message.strip()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    /** Operations: unknown names, missing or impossible arguments, dangling thread names. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "- fly;                                     bad.yaml:5: threads.ops: unknown operation 'fly'",
        "- write: {file: 1, at: 0};                 bad.yaml:5: bytes: missing",
        "- write: {file: 1, at: 0, bytes: 0};       bad.yaml:5: threads.ops.write.bytes: 0 is out of range",
        "- write: {file: 1, at: 0, bytes: 99999999999}; bad.yaml:5: threads.ops.write.bytes: 99999999999 is out of range",
        "- write: {file: 1, at: -1, bytes: 1};      bad.yaml:5: threads.ops.write.at: -1 is out of range",
        "- writeback: {now: 1};                     bad.yaml:5: threads.ops.writeback: takes no arguments",
        "- await: {ended: ghost};                   bad.yaml:5: threads.ops.await: 'ghost' is not another thread",
        "- await: {};                               bad.yaml:5: threads.ops.await: needs one of",
        "- write: {file: 1, at: 0, bytes: 67108864}; bad.yaml:5: threads.ops.write: the operations move 67108864 bytes",
    })
    void parse_badOperation_oneLineNamingIt(String op, String message) {
        String text = "scenario: bad\nthreads:\n  - name: a\n    ops:\n      " + op + "\n";
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse("bad.yaml", text));
        assertTrue(e.getMessage().startsWith(message.strip()), e.getMessage());
    }

    /** Bounds on the whole scenario: threads and operations a schedule can interleave, bytes a run can move. */
    @Test
    void parse_tooBig_oneLineNamingTheField() {
        StringBuilder many = new StringBuilder("scenario: many\nthreads:\n");
        for (int i = 0; i < 17; i++) {
            many.append("  - {name: t").append(i).append(", ops: [writeback]}\n");
        }
        ScenarioException threads = assertThrows(ScenarioException.class,
                () -> ScenarioParser.parse("bad.yaml", many.toString()));
        assertTrue(threads.getMessage().startsWith("bad.yaml:3: threads: 17 threads; a scenario has at most 16"),
                threads.getMessage());
        String moved = """
                scenario: moved
                threads:
                  - name: a
                    ops:
                      - write: {file: 1, at: 0, bytes: 524288}
                      - read: {file: 1, at: 0, bytes: 1}
                """;
        ScenarioException bytes = assertThrows(ScenarioException.class, () -> ScenarioParser.parse("bad.yaml", moved));
        assertTrue(bytes.getMessage().startsWith("bad.yaml:6: threads.ops.read: the operations move 524289 bytes"),
                bytes.getMessage());
        StringBuilder ops = new StringBuilder("scenario: ops\nthreads:\n  - name: a\n    ops:\n");
        for (int i = 0; i < 257; i++) {
            ops.append("      - writeback\n");
        }
        ScenarioException count = assertThrows(ScenarioException.class,
                () -> ScenarioParser.parse("bad.yaml", ops.toString()));
        assertTrue(count.getMessage().contains("threads.ops: more than 256 operations in all"), count.getMessage());
    }

    /** Malformed YAML, no threads, duplicate and dangling thread names. */
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "scenario: x\\nthreads: [;                 bad.yaml:2: yaml: expected the node content",
        "scenario: x\\nthreads: [];                bad.yaml:2: threads: a scenario needs at least one thread",
        "scenario: x;                             bad.yaml:1: threads: missing",
        "scenario: Not A Slug\\nthreads: [];       bad.yaml:1: scenario: 'Not A Slug' is not a slug",
        "scenario: x\\nthreads:\\n  - {name: a, ops: [writeback]}\\n  - {name: a, ops: [reclaim]}; bad.yaml:4: threads.name: a second thread named 'a'",
        "scenario: x\\nthreads:\\n  - {name: a, after: b, ops: [writeback]}; bad.yaml:3: threads.after: 'b' is not a thread declared before 'a'",
        "'';                                      bad.yaml:1: scenario: the file is empty",
    })
    void parse_malformed_oneLineNamingIt(String text, String message) {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioParser.parse("bad.yaml", text.replace("\\n", "\n").replace("''", "")));
        assertTrue(e.getMessage().startsWith(message.strip()), e.getMessage());
    }
}
