package org.flushcheck.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.flushcheck.detect.Finding;
import org.flushcheck.detect.Verdict;
import org.junit.jupiter.api.Test;

/** The key of a finding: verdict and classes, a cycle from any rotation the same; a loss by its cause. */
class KeyTest {

    /** A deadlock cycle entered at another lock is the same finding. */
    @Test
    void of_cycleRotated_sameKey() {
        Finding a = new Finding(Verdict.DEADLOCK, "x", "", List.of("avc->lock", "PG_locked", "AFS_GLOCK"));
        Finding b = new Finding(Verdict.DEADLOCK, "y", "", List.of("PG_locked", "AFS_GLOCK", "avc->lock"));
        assertEquals(Key.of(a), Key.of(b));
        assertEquals("DEADLOCK AFS_GLOCK -> avc->lock -> PG_locked", Key.of(a));
    }

    /** DATA_LOSS: short, long or bytes, from the oracle's report; the offset is not part of it. */
    @Test
    void of_dataLoss_byCause() {
        assertEquals("DATA_LOSS short", Key.of(loss(4096, 8192, 4096)));
        assertEquals("DATA_LOSS long", Key.of(loss(8192, 4096, 4096)));
        assertEquals("DATA_LOSS bytes", Key.of(loss(8192, 8192, 100)));
        assertEquals("DATA_LOSS bytes", Key.of(loss(8192, 8192, 5000)));
        assertEquals("DATA_LOSS unknown", Key.of(new Finding(Verdict.DATA_LOSS, "t", "another oracle", List.of())));
    }

    /** A broken rule names no classes: the rule tells BUGs apart. */
    @Test
    void of_bug_byRule() {
        assertEquals("BUG sleeping function called under a spinlock", Key.of(new Finding(Verdict.BUG,
                "BUG: sleeping function called under a spinlock: t1 holds x", "", List.of())));
    }

    private static Finding loss(int got, int want, long at) {
        return new Finding(Verdict.DATA_LOSS, "t", "after every thread ended and fsync(file 1) returned 0, the"
                + " fileserver holds " + got + " bytes and the sequential spec " + want + " bytes;\nthe first"
                + " difference is at byte " + at + " (page 0).\n", List.of());
    }
}
