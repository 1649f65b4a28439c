package org.flushcheck.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.flushcheck.sync.Domain;
import org.flushcheck.sync.Event;
import org.flushcheck.sync.Hang;
import org.flushcheck.sync.Mutex;
import org.flushcheck.sync.TaskHandle;
import org.flushcheck.testing.ModelRun;
import org.flushcheck.testing.Quiescence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A wait no live task can end is a STALL, whichever side leaves first. */
@ExtendWith(Quiescence.class)
class StallTest {

    /** The only waker (the truncate daemon) exited before the writer slept: STALL at once. */
    @Test
    void eventSleep_onlyWakerAlreadyExited_stall(Quiescence.Runs runs) {
        ModelRun run = runs.create();
        Mutex glock = new Mutex(run.domain, "AFS_GLOCK");
        Event drain = new Event(run.domain, "afs_WaitForCacheDrain", "afs_cachetrim");
        run.spawn("afs_cachetrim", () -> { });
        run.joinAll();
        TaskHandle writer = run.spawn("writer", () -> sleepOn(glock, drain));
        run.joinAll();

        Hang hang = DeadlockTest.hangOf(writer);
        assertEquals(Hang.Kind.STALL, hang.kind());
        assertEquals("writer", hang.chain().get(0).comm());
        assertEquals(1, run.take(Verdict.STALL).size());
        assertTrue(!glock.isLocked(), "the stalled writer dropped AFS_GLOCK while unwinding");
    }

    /** The writer sleeps first; its only waker exits without waking it: STALL at the exit. */
    @Test
    void eventSleep_wakerExitsWithoutWakeup_stall(Quiescence.Runs runs) {
        ModelRun run = runs.create();
        Mutex glock = new Mutex(run.domain, "AFS_GLOCK");
        Event drain = new Event(run.domain, "afs_WaitForCacheDrain", "afs_cachetrim");
        run.spawn("afs_cachetrim", () -> run.awaitBlocked("writer"));
        TaskHandle writer = run.spawn("writer", () -> sleepOn(glock, drain));
        run.joinAll();

        assertEquals(Hang.Kind.STALL, DeadlockTest.hangOf(writer).kind());
        assertEquals(1, run.take(Verdict.STALL).size());
    }

    /** Two sleepers each waiting for the other to wake it: a lost-wakeup STALL, not a DEADLOCK. */
    @Test
    void eventSleep_wakersAsleepOnEachOther_stall(Quiescence.Runs runs) {
        ModelRun run = runs.create();
        Mutex glock = new Mutex(run.domain, "AFS_GLOCK");
        Event drain = new Event(run.domain, "afs_WaitForCacheDrain", "afs_cachetrim");
        Event trim = new Event(run.domain, "afs_CacheTruncateDaemon", "writer");
        TaskHandle daemon = run.spawn("afs_cachetrim", () -> {
            run.awaitBlocked("writer");
            sleepOn(glock, trim);
        });
        TaskHandle writer = run.spawn("writer", () -> sleepOn(glock, drain));
        run.joinAll();

        assertEquals(Hang.Kind.STALL, DeadlockTest.hangOf(writer).kind());
        assertEquals(Hang.Kind.STALL, DeadlockTest.hangOf(daemon).kind());
        assertEquals(1, run.take(Verdict.STALL).size());
    }

    /**
     * A sleeper whose only waker was spawned with it, in one step, but has not started
     * yet, is not stalled: a task born and not yet run will run (found by Lincheck in
     * CacheFullWriterVsTruncateTest under -Pdeep, as a false STALL of safe-deferred).
     */
    @Test
    void eventSleep_wakerSpawnedTogetherNotYetStarted_noStall(Quiescence.Runs runs) {
        for (int i = 0; i < 20; i++) {
            ModelRun run = runs.create();
            Mutex glock = new Mutex(run.domain, "AFS_GLOCK");
            Event drain = new Event(run.domain, "afs_WaitForCacheDrain", "afs_cachetrim");
            List<TaskHandle> both = run.spawnAll(List.of(
                    new Domain.Spawn("writer", () -> sleepOn(glock, drain)),
                    new Domain.Spawn("afs_cachetrim", () -> {
                        run.awaitBlockedOrExited("writer");
                        glock.lock();
                        drain.wakeup();
                        glock.unlock();
                    })));
            run.joinAll();

            assertEquals(null, both.get(0).failure(), "run " + i);
            assertEquals(Verdict.CLEAN, run.detectors.verdict(), "run " + i);
        }
    }

    /** A woken sleeper returns holding AFS_GLOCK again; no finding. */
    @Test
    void eventSleep_wokenByLiveWaker_returnsWithGlock(Quiescence.Runs runs) {
        ModelRun run = runs.create();
        Mutex glock = new Mutex(run.domain, "AFS_GLOCK");
        Event drain = new Event(run.domain, "afs_WaitForCacheDrain", "afs_cachetrim");
        run.spawn("afs_cachetrim", () -> {
            run.awaitBlocked("writer");
            glock.lock();
            drain.wakeup();
            glock.unlock();
        });
        TaskHandle writer = run.spawn("writer", () -> {
            glock.lock();
            drain.sleep(glock);
            glock.assertHeld();
            glock.unlock();
        });
        run.joinAll();

        assertEquals(null, writer.failure());
        assertEquals(Verdict.CLEAN, run.detectors.verdict());
    }

    private static void sleepOn(Mutex glock, Event event) {
        glock.lock();
        try {
            event.sleep(glock);
        } finally {
            if (glock.isHeldByCurrentTask()) {
                glock.unlock();
            }
        }
    }
}
