package org.flushcheck.lincheck;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.flushcheck.detect.Finding;
import org.flushcheck.detect.Verdict;
import org.junit.jupiter.api.Test;

/** A concern's expectation accepts exactly its finding, never another one or none. */
class ExpectationTest {

    private static final Expectation DEADLOCK_PG = Expectation.of(Verdict.DEADLOCK, "PG_locked");

    @Test
    void mismatch_sameVerdictAndClassesWithInterleaving_accepted() {
        assertNull(DEADLOCK_PG.mismatch(found(Verdict.DEADLOCK, List.of("PG_locked"), "= Concurrent test failed =")));
    }

    @Test
    void mismatch_nothingFoundWhereDeadlockExpected_rejected() {
        assertNotNull(DEADLOCK_PG.mismatch(clean(10)));
    }

    @Test
    void mismatch_otherClasses_rejected() {
        assertNotNull(DEADLOCK_PG.mismatch(found(Verdict.DEADLOCK, List.of("PG_locked", "AFS_GLOCK"), "trace")));
    }

    @Test
    void mismatch_otherVerdictOnSameClasses_rejected() {
        assertNotNull(DEADLOCK_PG.mismatch(found(Verdict.STALL, List.of("PG_locked"), "trace")));
    }

    @Test
    void mismatch_hangTheDetectorsDidNotName_rejected() {
        assertNotNull(DEADLOCK_PG.mismatch(found(Verdict.BUG, List.of(), "= Concurrent test has hung =")));
        assertNotNull(Expectation.CLEAN.mismatch(found(Verdict.BUG, List.of(), "= Concurrent test has hung =")));
    }

    @Test
    void mismatch_findingWithoutLincheckInterleaving_rejected() {
        assertNotNull(DEADLOCK_PG.mismatch(found(Verdict.DEADLOCK, List.of("PG_locked"), "")));
    }

    @Test
    void mismatch_cleanWithCompletedRuns_accepted() {
        assertNull(Expectation.CLEAN.mismatch(clean(10)));
    }

    @Test
    void mismatch_cleanWithNoCompletedRun_rejected() {
        assertNotNull(Expectation.CLEAN.mismatch(clean(0)));
    }

    @Test
    void mismatch_predictedInversionWhereCleanExpected_rejected() {
        assertNotNull(Expectation.CLEAN.mismatch(found(Verdict.INVERSION, List.of("AFS_GLOCK", "PG_locked"), "")));
    }

    @Test
    void mismatch_inconclusive_notJudged() {
        Exploration e = Exploration.inconclusive("Lincheck's invocation time limit tripped", new Bounds(10), 2, 4, 1);
        assertThrows(IllegalArgumentException.class, () -> Expectation.CLEAN.mismatch(e));
        assertThrows(IllegalArgumentException.class, () -> DEADLOCK_PG.mismatch(e));
    }

    private static Exploration found(Verdict v, List<String> classes, String lincheck) {
        Finding f = new Finding(v, v + ": a finding", "report", classes);
        return new Exploration(v, List.of(f), lincheck, new Bounds(10), 3, 4, 1);
    }

    private static Exploration clean(int completed) {
        return new Exploration(Verdict.CLEAN, List.of(), "", new Bounds(10), completed, 4, 1);
    }
}
