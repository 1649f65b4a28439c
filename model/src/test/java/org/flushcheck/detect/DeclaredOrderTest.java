package org.flushcheck.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.flushcheck.sync.LockClass;
import org.flushcheck.sync.Mutex;
import org.flushcheck.sync.PageBits;
import org.flushcheck.testing.ModelRun;
import org.flushcheck.testing.Quiescence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Detector 3: observed dependencies against the order a design declares. */
@ExtendWith(Quiescence.class)
class DeclaredOrderTest {

    static final String WRITE_PATH = """
            i_mutex                 (generic_perform_write)
              PG_locked             (write_begin)
                AFS_GLOCK           (afs_linux_write_end)
                avc->lock           (afs_write)
                  AFS_GLOCK         (afs_write)
            """;

    /** The tree reads back to itself: render is the canonical form parse accepts. */
    @Test
    void parse_render_roundTrips() {
        LockOrder order = LockOrder.parse(WRITE_PATH);
        assertEquals(WRITE_PATH, order.render());
        assertEquals(order, LockOrder.parse(order.render()));
    }

    /** Ancestors may be held while taking descendants, on any branch a class appears. */
    @Test
    void allows_ancestorsOnly() {
        LockOrder order = LockOrder.parse(WRITE_PATH);
        assertTrue(order.allows(LockClass.of("i_mutex"), LockClass.of("avc->lock")));
        assertTrue(order.allows(LockClass.of("avc->lock"), LockClass.of("AFS_GLOCK")));
        assertTrue(order.allows(LockClass.of("PG_locked"), LockClass.of("AFS_GLOCK")));
        assertFalse(order.allows(LockClass.of("AFS_GLOCK"), LockClass.of("PG_locked")));
        assertFalse(order.allows(LockClass.of("avc->lock"), LockClass.of("PG_locked")));
        assertFalse(order.allows(LockClass.of("i_mutex"), LockClass.of("afs_xvcache")));
        assertTrue(order.allows(LockClass.of("i_mutex"), LockClass.of("PG_locked").nested("1")),
                "an unlisted subclass falls back to its base class");
    }

    /** A tree whose repeated classes close a loop would allow an inversion: refused. */
    @Test
    void parse_circularGraph_rejected() {
        assertEquals("the declared lock order is circular: AFS_GLOCK can be reached from itself",
                assertThrows(IllegalArgumentException.class, () -> LockOrder.parse("""
                        AFS_GLOCK
                          avc->lock
                        avc->lock
                          AFS_GLOCK
                        """)).getMessage());
    }

    /** Reachability crosses branches: what a class may take under one parent it may take anywhere. */
    @Test
    void allows_throughAnotherOccurrence() {
        LockOrder order = LockOrder.parse("""
                I_SYNC
                  PG_locked
                i_mutex
                  PG_locked
                    AFS_GLOCK
                """);
        assertTrue(order.allows(LockClass.of("I_SYNC"), LockClass.of("AFS_GLOCK")));
        assertFalse(order.allows(LockClass.of("I_SYNC"), LockClass.of("i_mutex")));
    }

    /** Malformed trees are refused with a sentence naming the line. */
    @Test
    void parse_malformed_rejectedWithLine() {
        assertEquals("lock order line 2 is not '<2n spaces><class> [(site)]': '   PG_locked'",
                assertThrows(IllegalArgumentException.class,
                        () -> LockOrder.parse("i_mutex\n   PG_locked")).getMessage());
        assertEquals("lock order line 2 is indented more than one level below its parent: "
                        + "'    PG_locked'",
                assertThrows(IllegalArgumentException.class,
                        () -> LockOrder.parse("i_mutex\n    PG_locked")).getMessage());
        assertEquals("lock order is empty",
                assertThrows(IllegalArgumentException.class, () -> LockOrder.parse("\n")).getMessage());
    }

    /** Taking locks as declared produces no finding. */
    @Test
    void acquisitions_inDeclaredOrder_clean(Quiescence.Runs runs) {
        ModelRun run = runs.create(Detectors.builder().order(LockOrder.parse(WRITE_PATH)).build());
        Mutex iMutex = new Mutex(run.domain, "i_mutex");
        PageBits page = new PageBits(run.domain, "page 0");
        Mutex glock = new Mutex(run.domain, "AFS_GLOCK");
        run.spawn("writer", () -> {
            iMutex.lock();
            page.lock();
            glock.lock();
            glock.unlock();
            page.unlock();
            iMutex.unlock();
        });
        run.joinAll();

        assertEquals(Verdict.CLEAN, run.detectors.verdict());
    }

    /** GLOCK held while locking a page, against the tree: one ORDER_VIOLATION with the tree. */
    @Test
    void pageLockUnderGlock_againstOrder_orderViolation(Quiescence.Runs runs) {
        ModelRun run = runs.create(Detectors.builder().order(LockOrder.parse(WRITE_PATH)).build());
        Mutex glock = new Mutex(run.domain, "AFS_GLOCK");
        PageBits page = new PageBits(run.domain, "page 0");
        run.spawn("afs_daemon", () -> {
            for (int i = 0; i < 2; i++) {
                glock.lock();
                page.lock();
                page.unlock();
                glock.unlock();
            }
        });
        run.joinAll();

        List<Finding> found = run.take(Verdict.ORDER_VIOLATION);
        assertEquals(1, found.size(), "reported once per pair of classes");
        assertEquals("AFS_GLOCK -> PG_locked: PG_locked is declared outside AFS_GLOCK",
                found.get(0).title());
        String report = found.get(0).report();
        assertTrue(report.contains("WARNING: lock order violation against the declared order"), report);
        assertTrue(report.contains(WRITE_PATH), report);
    }

    /** A class the order never names is a violation too: the order must be complete. */
    @Test
    void undeclaredClass_taken_orderViolation(Quiescence.Runs runs) {
        ModelRun run = runs.create(Detectors.builder().order(LockOrder.parse(WRITE_PATH)).build());
        Mutex glock = new Mutex(run.domain, "AFS_GLOCK");
        Mutex xvcache = new Mutex(run.domain, "afs_xvcache");
        run.spawn("afs_daemon", () -> {
            glock.lock();
            xvcache.lock();
            xvcache.unlock();
            glock.unlock();
        });
        run.joinAll();

        assertEquals("AFS_GLOCK -> afs_xvcache: afs_xvcache is not in the declared order",
                run.take(Verdict.ORDER_VIOLATION).get(0).title());
    }
}
