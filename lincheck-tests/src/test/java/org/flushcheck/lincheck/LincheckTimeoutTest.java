package org.flushcheck.lincheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.flushcheck.sync.Domain;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Lincheck's wall clock tripping is no verdict. A program whose third invocation outlives
 * Lincheck's 30 s limit per invocation (as any would on a host slow enough) makes the
 * exploration INCONCLUSIVE, saying after how many invocations, with no finding and no
 * report; never a BUG. About 35 s: tagged {@code lincheck} ({@code -Plincheck}).
 */
@Tag("lincheck")
class LincheckTimeoutTest {

    /** Outlasts Lincheck's limit: 31 s, parked outside its analysis. */
    private static final long SLOW_NANOS = TimeUnit.SECONDS.toNanos(31);

    /** Invocations started, counted outside the analysis (Lincheck undoes analysed writes). */
    private static final class Count {
        int started;
    }

    @Test
    void invocationOutlivesWallClock_inconclusiveNeverBug() {
        Count c = new Count();
        Exploration e = LincheckExplorer.explore((Domain d) -> {
            int[] n = new int[1];
            IgnoredSections.run(() -> {
                n[0] = ++c.started;
                if (n[0] == 3) {
                    long end = System.nanoTime() + SLOW_NANOS;
                    for (long left = SLOW_NANOS; left > 0; left = end - System.nanoTime()) {
                        LockSupport.parkNanos(left); // a slow host, as the invocation sees it
                    }
                }
            });
        }, new Bounds(5), () -> LincheckExplorer.detectors().build());
        System.out.println("[lincheck] timeout: " + e.summary());
        assertFalse(e.decided(), e::summary);
        assertNull(e.verdict(), e::summary);
        assertTrue(e.findings().isEmpty() && e.lincheck().isEmpty(), e::summary);
        assertEquals(2, e.completed(), e::summary);
        assertTrue(e.summary().startsWith("INCONCLUSIVE: Lincheck's invocation time limit (30 s of wall clock)"
                + " tripped after 2 of 5 invocations; no verdict"), e::summary);
    }
}
