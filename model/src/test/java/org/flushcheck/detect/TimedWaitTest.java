package org.flushcheck.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.flushcheck.explore.Explorer;
import org.flushcheck.explore.ScheduleId;
import org.flushcheck.sync.Controller;
import org.flushcheck.sync.Domain;
import org.flushcheck.sync.Event;
import org.flushcheck.sync.Mutex;
import org.flushcheck.sync.Poll;
import org.flushcheck.sync.RacyLong;
import org.flushcheck.sync.TaskHandle;
import org.junit.jupiter.api.Test;

/**
 * Timed waits on the virtual clock ({@code wait_event_timeout}, {@code afs_osi_Wait}) and
 * the bounded poll built on them ({@link Poll}): a timed wait ends by itself, so its task
 * is never a stuck link; a poll whose tries are all futile becomes the untimed wait the
 * detectors judge; progress between tries keeps it timed.
 */
class TimedWaitTest {

    private static final long TRY = 100_000_000L; // HZ/10

    /** One controlled run of {@code body} (the default schedule) with every detector on. */
    private static <T> Controller.Result<T> run(Detectors detectors, Function<Domain, T> body) {
        return Explorer.replay((chooser, maxSteps) -> Controller.run(detectors, chooser, maxSteps, body),
                ScheduleId.of(List.of()));
    }

    private static Detectors detectors() {
        return Detectors.builder().hungTask(Duration.ofMinutes(2)).build();
    }

    /** A condition that never holds, with nobody to wake it: the wait returns false after its timeout, no STALL. */
    @Test
    void waitUntilTimed_nothingHappens_timesOutOnTheVirtualClock() {
        Detectors detectors = detectors();
        Controller.Result<Boolean> r = run(detectors, d -> {
            Event congestion = new Event(d, "congestion_wqh", Event.ANY_TASK);
            return congestion.waitUntil(() -> false, TRY);
        });
        assertEquals(false, r.value(), String.valueOf(r.failure()));
        assertEquals(TRY, r.clockNanos());
        assertEquals(List.of(), detectors.findings());
    }

    /** A timed afs_osi_Sleep drops its mutex while it sleeps and holds it again after the timeout. */
    @Test
    void sleepTimed_notWoken_returnsFalseHoldingTheMutexAgain() {
        Controller.Result<Boolean> r = run(detectors(), d -> {
            Mutex glock = new Mutex(d, "AFS_GLOCK");
            Event trim = Event.idle(d, "afs_CacheTruncateDaemon");
            glock.lock();
            boolean woken = trim.sleep(glock, TRY);
            boolean held = glock.isHeldByCurrentTask();
            glock.unlock();
            return !woken && held;
        });
        assertEquals(true, r.value(), String.valueOf(r.failure()));
    }

    /**
     * Nobody can ever make progress: the poll's {@link Poll#FUTILE} timed tries run out
     * (the clock moves by one timeout each), then its untimed wait is a STALL.
     */
    @Test
    void poll_everyTryFutile_stallAfterTheTimedTries() {
        Detectors detectors = detectors();
        Controller.Result<Integer> r = run(detectors, d -> {
            Event congestion = new Event(d, "congestion_wqh", "flusher");
            Poll poll = new Poll(congestion, TRY);
            for (;;) {
                poll.waitUntil(() -> false);
            }
        });
        assertEquals(Poll.FUTILE * TRY, r.clockNanos(), "the untimed wait came after the timed tries");
        assertEquals(1, detectors.findings(Verdict.STALL).size(), detectors.findings().toString());
    }

    /**
     * A helper makes progress every 150 ms (a timed sleep of its own in between): the poll
     * times out at most once between two of them, never runs out of tries, and sees every
     * step. CLEAN.
     */
    @Test
    void poll_progressBetweenTries_neverJudgedStuck() {
        Detectors detectors = detectors();
        int steps = 5;
        Controller.Result<Long> r = run(detectors, d -> {
            Event congestion = new Event(d, "congestion_wqh", Event.ANY_TASK);
            Event nap = Event.idle(d, "nap");
            Mutex m = new Mutex(d, "m");
            RacyLong done = new RacyLong(d, "done");
            TaskHandle helper = d.spawn("flusher", () -> {
                for (int i = 0; i < steps; i++) {
                    m.lock();
                    nap.sleep(m, TRY * 3 / 2);
                    m.unlock();
                    done.addAndGet(1);
                    congestion.wakeup();
                }
            });
            Poll poll = new Poll(congestion, TRY);
            for (int i = 1; i <= steps; i++) {
                long want = i;
                while (done.get() < want) {
                    poll.waitUntil(() -> done.get() >= want);
                }
            }
            helper.join();
            return done.get();
        });
        assertEquals(Long.valueOf(steps), r.value(), String.valueOf(r.failure()));
        assertTrue(detectors.findings().isEmpty(), detectors.findings().toString());
        assertFalse(r.clockNanos() < steps * TRY * 3 / 2, "the helper's naps took virtual time");
    }
}
