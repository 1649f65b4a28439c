package org.flushcheck.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.flushcheck.detect.Detectors;
import org.flushcheck.detect.Finding;
import org.flushcheck.detect.Verdict;
import org.flushcheck.scenario.FileHistory;
import org.flushcheck.scenario.FileHistory.Operation;
import org.flushcheck.scenario.FileOracle;
import org.flushcheck.scenario.Scenario;
import org.flushcheck.scenario.ScenarioParser;
import org.flushcheck.sync.Domain;
import org.flushcheck.sync.LockingViolation;
import org.flushcheck.sync.Mutex;
import org.junit.jupiter.api.Test;

/**
 * One key per kind of report, each checked against the report as the tool prints it: the
 * file oracle's three (a planted history judged by {@link FileOracle} itself), the
 * detectors' hangs by their classes, and every locking rule.
 */
class KeyTest {

    /** The scenario the oracle names in a BUG report; any will do, the planted histories are its own. */
    private static final Scenario S = ScenarioParser.read(
            Path.of("..", "scenarios", "b01-mmap-writeback-recursion.yaml"));

    /** A deadlock cycle entered at another lock is the same finding. */
    @Test
    void of_cycleRotated_sameKey() {
        Finding a = new Finding(Verdict.DEADLOCK, "x", "", List.of("avc->lock", "PG_locked", "AFS_GLOCK"));
        Finding b = new Finding(Verdict.DEADLOCK, "y", "", List.of("PG_locked", "AFS_GLOCK", "avc->lock"));
        assertEquals(Key.of(a), Key.of(b));
        assertEquals("DEADLOCK AFS_GLOCK -> avc->lock -> PG_locked", Key.of(a));
    }

    /** The oracle's fileserver losses, by cause: a lost tail, a lost truncate, a differing byte; offsets left out. */
    @Test
    void of_storedLoss_byCauseFromTheOraclesReport() {
        Operation w1 = Operation.write("a", 1, 2, 0, bytes("aaaa"));
        Operation w2 = Operation.write("a", 3, 4, 4, bytes("bbbb"));
        assertEquals("DATA_LOSS stored short", Key.of(oracle(bytes("aaaa"), w1, w2)));
        Operation cut = Operation.truncate("a", 5, 6, 2);
        assertEquals("DATA_LOSS stored long", Key.of(oracle(bytes("aaaabbbb"), w1, w2, cut)));
        assertEquals("DATA_LOSS stored bytes", Key.of(oracle(bytes("aaaabbbc"), w1, w2)));
        assertEquals("DATA_LOSS stored bytes", Key.of(oracle(bytes("aXaabbbb"), w1, w2)));
    }

    /** A read no order allows is its own kind, never merged with a fileserver loss. */
    @Test
    void of_readLoss_ownKind() {
        Operation w = Operation.write("a", 1, 2, 0, bytes("aaaa"));
        Operation r = Operation.read("b", 3, 4, 0, 4, bytes("abab"));
        Finding f = oracle(bytes("aaaa"), w, r);
        assertEquals("DATA_LOSS read", Key.of(f));
        assertNotEquals(Key.of(f), Key.of(oracle(bytes("aaab"), w)));
    }

    /** A history the oracle could not judge is a BUG of the oracle, whatever the file or scenario. */
    @Test
    void of_oracleCouldNotJudge_bugOracle() {
        List<Finding> f = FileOracle.judge(S, 3, () -> {
            throw new IllegalStateException("planted");
        }, new byte[0]);
        assertEquals("BUG oracle", Key.of(f.get(0)));
    }

    /** A broken locking rule, as the detectors report it, is keyed by the rule; every rule has its own key. */
    @Test
    void of_lockingViolation_byRule() {
        Detectors d = Detectors.builder().hungTask(Duration.ZERO).build();
        Domain domain = new Domain(d);
        Mutex m = new Mutex(domain, "lock_A");
        domain.spawn("t1", m::lock).join();
        Finding exit = d.findings(Verdict.BUG).get(0);
        assertEquals("BUG EXIT_WITH_LOCKS_HELD", Key.of(exit));
        for (LockingViolation.Rule r : LockingViolation.Rule.values()) {
            assertEquals("BUG " + r.name(), Key.of(new Finding(Verdict.BUG, "BUG: " + r.title() + ": t1 detail", "",
                    List.of())));
        }
    }

    private static Finding oracle(byte[] stored, Operation... ops) {
        FileHistory h = new FileHistory();
        List.of(ops).forEach(h::add);
        List<Finding> f = FileOracle.judge(S, 1, () -> h, stored);
        assertEquals(1, f.size(), f::toString);
        return f.get(0);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
