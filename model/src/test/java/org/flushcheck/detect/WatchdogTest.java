package org.flushcheck.detect;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flushcheck.sync.Event;
import org.flushcheck.sync.Hang;
import org.flushcheck.sync.Mutex;
import org.flushcheck.sync.TaskHandle;
import org.flushcheck.testing.ModelRun;
import org.flushcheck.testing.Quiescence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The hung-task watchdog catches what the graphs cannot see, and fails the run instead of hanging. */
@ExtendWith(Quiescence.class)
class WatchdogTest {

    /**
     * The waker is alive and running (busy outside the model), so the wait-for graph
     * rightly calls the sleeper not stuck; the watchdog fails the run after its bound.
     */
    @Test
    void sleep_wakerBusyForever_hungTaskReport(Quiescence.Runs runs) {
        ModelRun run = runs.create(Detectors.builder().hungTask(Duration.ofSeconds(1)).build());
        Mutex glock = new Mutex(run.domain, "AFS_GLOCK");
        Event drain = new Event(run.domain, "afs_WaitForCacheDrain", "afs_cachetrim");
        AtomicBoolean release = new AtomicBoolean();
        run.spawn("afs_cachetrim", () -> await().atMost(ModelRun.BOUND).untilTrue(release));
        TaskHandle writer = run.spawn("writer", () -> {
            glock.lock();
            try {
                drain.sleep(glock);
            } finally {
                if (glock.isHeldByCurrentTask()) {
                    glock.unlock();
                }
            }
        });
        await().atMost(ModelRun.BOUND).until(writer::isDone);
        release.set(true);
        run.joinAll();

        Hang hang = DeadlockTest.hangOf(writer);
        assertEquals(Hang.Kind.HUNG_TASK, hang.kind());
        String report = run.take(Verdict.HUNG_TASK).get(0).report();
        assertTrue(report.startsWith("INFO: task writer:2 blocked for more than 1 seconds."), report);
        assertTrue(report.contains("task:writer state:D pid:2\n  sleep(afs_WaitForCacheDrain)"), report);
    }
}
