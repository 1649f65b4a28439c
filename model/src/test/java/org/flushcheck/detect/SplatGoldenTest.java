package org.flushcheck.detect;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.flushcheck.sync.AfsRwLock;
import org.flushcheck.sync.Event;
import org.flushcheck.sync.Mutex;
import org.flushcheck.sync.PageBits;
import org.flushcheck.sync.SpinLock;
import org.flushcheck.testing.ModelRun;
import org.flushcheck.testing.Quiescence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Golden files pin every report format ({@code src/test/resources/golden}). Each report
 * comes from a real, fully ordered run, so pids and the detecting task are fixed;
 * source line numbers are masked so editing this file does not churn the goldens.
 * Regenerate with {@code mvn test -pl model -Dtest=SplatGoldenTest -Dgolden.update=true}.
 */
@ExtendWith(Quiescence.class)
class SplatGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    /** Two-lock circular dependency, predicted (never reached). */
    @Test
    void circularTwoLocks(Quiescence.Runs runs) throws IOException {
        ModelRun run = runs.create();
        Mutex iMutex = new Mutex(run.domain, "i_mutex");
        PageBits page = new PageBits(run.domain, "page 0 of vnode 1");
        run.spawn("writer", () -> {
            iMutex.lock();
            page.lock();
            page.unlock();
            iMutex.unlock();
        });
        run.joinAll();
        run.spawn("truncate", () -> {
            page.lock();
            iMutex.lock();
            iMutex.unlock();
            page.unlock();
        });
        run.joinAll();
        golden("circular-2.txt", run.take(Verdict.INVERSION).get(0).report());
    }

    /**
     * Three classes through an rwlock read side: the writer's i_mutex -> PG_locked,
     * readpage's PG_locked -> avc->lock(R), and a truncate taking i_mutex under avc->lock(W).
     */
    @Test
    void circularThreeLocksWithReadSide(Quiescence.Runs runs) throws IOException {
        ModelRun run = runs.create();
        Mutex glock = new Mutex(run.domain, "AFS_GLOCK");
        Mutex iMutex = new Mutex(run.domain, "i_mutex");
        AfsRwLock avc = new AfsRwLock(run.domain, "avc->lock", glock);
        PageBits page = new PageBits(run.domain, "page 0 of vnode 1");
        run.spawn("writer", () -> {
            iMutex.lock();
            page.lock();
            page.unlock();
            iMutex.unlock();
        });
        run.joinAll();
        run.spawn("readpage", () -> {
            page.lock();
            glock.lock();
            avc.obtainRead();
            avc.releaseRead();
            glock.unlock();
            page.unlock();
        });
        run.joinAll();
        run.spawn("truncate", () -> {
            glock.lock();
            avc.obtainWrite();
            glock.unlock();
            iMutex.lock();
            iMutex.unlock();
            glock.lock();
            avc.releaseWrite();
            glock.unlock();
        });
        run.joinAll();
        golden("circular-3.txt", run.take(Verdict.INVERSION).get(0).report());
    }

    /** Two instances of one class nested without a subclass. */
    @Test
    void recursive(Quiescence.Runs runs) throws IOException {
        ModelRun run = runs.create();
        Mutex dir = new Mutex(run.domain, "i_mutex");
        Mutex file = new Mutex(run.domain, "i_mutex");
        run.spawn("rename", () -> {
            dir.lock();
            file.lock();
            file.unlock();
            dir.unlock();
        });
        run.joinAll();
        golden("recursive.txt", run.take(Verdict.INVERSION).get(0).report());
    }

    /** A dependency against the declared order. */
    @Test
    void orderViolation(Quiescence.Runs runs) throws IOException {
        ModelRun run = runs.create(Detectors.builder()
                .order(LockOrder.parse(DeclaredOrderTest.WRITE_PATH)).build());
        Mutex glock = new Mutex(run.domain, "AFS_GLOCK");
        PageBits page = new PageBits(run.domain, "page 0 of vnode 1");
        run.spawn("afs_daemon", () -> {
            glock.lock();
            page.lock();
            page.unlock();
            glock.unlock();
        });
        run.joinAll();
        golden("order-violation.txt", run.take(Verdict.ORDER_VIOLATION).get(0).report());
    }

    /** A reached cycle: PG_writeback owner wants AFS_GLOCK, the GLOCK holder waits on writeback. */
    @Test
    void deadlockReached(Quiescence.Runs runs) throws IOException {
        ModelRun run = runs.create();
        Mutex glock = new Mutex(run.domain, "AFS_GLOCK");
        PageBits page = new PageBits(run.domain, "page 0 of vnode 1");
        AtomicBoolean writebackSet = new AtomicBoolean();
        run.spawn("flush-afs", () -> {
            page.lock();
            page.setWriteback();
            page.unlock();
            writebackSet.set(true);
            run.awaitBlocked("afs_daemon");
            try {
                glock.lock();
            } finally {
                page.endWriteback();
            }
        });
        run.spawn("afs_daemon", () -> {
            await().atMost(ModelRun.BOUND).untilTrue(writebackSet);
            glock.lock();
            try {
                page.waitOnWriteback();
            } finally {
                glock.unlock();
            }
        });
        run.joinAll();
        run.take(Verdict.INVERSION);
        golden("deadlock-reached.txt", run.take(Verdict.DEADLOCK).get(0).report());
    }

    /** A sleep whose only waker has exited. */
    @Test
    void stall(Quiescence.Runs runs) throws IOException {
        ModelRun run = runs.create();
        Mutex glock = new Mutex(run.domain, "AFS_GLOCK");
        Event drain = new Event(run.domain, "afs_WaitForCacheDrain", "afs_cachetrim");
        PageBits page = new PageBits(run.domain, "page 0 of vnode 1");
        run.spawn("afs_cachetrim", () -> { });
        run.joinAll();
        run.spawn("writer", () -> {
            page.lock();
            try {
                glock.lock();
                drain.sleep(glock);
                glock.unlock();
            } finally {
                page.unlock();
            }
        });
        run.joinAll();
        golden("stall.txt", run.take(Verdict.STALL).get(0).report());
    }

    /** The watchdog: a waker alive but never waking. */
    @Test
    void hungTask(Quiescence.Runs runs) throws IOException {
        ModelRun run = runs.create(Detectors.builder().hungTask(Duration.ofSeconds(1)).build());
        Mutex glock = new Mutex(run.domain, "AFS_GLOCK");
        Event drain = new Event(run.domain, "afs_WaitForCacheDrain", "afs_cachetrim");
        AtomicBoolean release = new AtomicBoolean();
        run.spawn("afs_cachetrim", () -> await().atMost(ModelRun.BOUND).untilTrue(release));
        run.spawn("writer", () -> {
            glock.lock();
            drain.sleep(glock);
            glock.unlock();
        });
        await().atMost(ModelRun.BOUND).until(() -> !run.detectors.findings().isEmpty());
        release.set(true);
        run.joinAll();
        golden("hung-task.txt", run.take(Verdict.HUNG_TASK).get(0).report());
    }

    /** A strict rule broken: a sleeping lock under a spinlock. */
    @Test
    void bug(Quiescence.Runs runs) throws IOException {
        ModelRun run = runs.create();
        Mutex glock = new Mutex(run.domain, "AFS_GLOCK");
        SpinLock pagewriters = new SpinLock(run.domain, "avc->pagewriter_lock");
        run.spawn("writer", () -> {
            pagewriters.lock();
            try {
                glock.lock();
            } finally {
                pagewriters.unlock();
            }
        });
        run.joinAll();
        golden("bug-sleep-under-spinlock.txt", run.take(Verdict.BUG).get(0).report());
    }

    private static void golden(String name, String actual) throws IOException {
        String masked = actual.replaceAll("\\.java:\\d+\\)", ".java:NN)");
        Path file = GOLDEN.resolve(name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, masked, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(file), "missing golden file " + file + "; run with -Dgolden.update=true");
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), masked, "golden file " + file);
    }
}
