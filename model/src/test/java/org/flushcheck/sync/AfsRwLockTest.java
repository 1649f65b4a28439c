package org.flushcheck.sync;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.flushcheck.detect.Verdict;
import org.flushcheck.testing.ModelRun;
import org.flushcheck.testing.Quiescence;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** afs_rwlock_t semantics as in lock.h and afs_lock.c (openafs-model.md §2.2). */
@ExtendWith(Quiescence.class)
class AfsRwLockTest {

    private ModelRun run;
    private Mutex glock;
    private AfsRwLock avc;
    private final List<String> granted = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp(Quiescence.Runs runs) {
        run = runs.create();
        glock = new Mutex(run.domain, "AFS_GLOCK");
        avc = new AfsRwLock(run.domain, "avc->lock", glock);
    }

    /** READ is granted while SHARED is held; SHARED is not granted while SHARED is held. */
    @Test
    void read_whileShared_granted_sharedWhileShared_waits() {
        glocked(avc::obtainShared);
        run.spawn("reader", () -> glocked(() -> {
            avc.obtainRead();
            granted.add("R");
            avc.releaseRead();
        }));
        run.joinAll();
        assertEquals(List.of("R"), granted);

        run.spawn("sharer", () -> glocked(() -> {
            avc.obtainShared();
            granted.add("S");
            avc.releaseShared();
        }));
        run.awaitBlocked("sharer");
        assertEquals(1, glocked(avc::numWaiting));
        glocked(avc::releaseShared);
        run.joinAll();
        assertEquals(List.of("R", "S"), granted);
    }

    /** Releasing WRITE wakes only the waiting readers; the writer waits for the last reader. */
    @Test
    void releaseWrite_readersAndWriterWaiting_readersFirst() {
        glocked(avc::obtainWrite);
        run.spawn("writer2", () -> glocked(() -> {
            avc.obtainWrite();
            granted.add("W");
            avc.releaseWrite();
        }));
        run.awaitBlocked("writer2");
        run.spawn("reader", () -> glocked(() -> {
            avc.obtainRead();
            granted.add("R");
            glock.unlock();
            run.awaitBlocked("writer2");
            glock.lock();
            avc.releaseRead();
        }));
        run.awaitBlocked("reader");
        glocked(avc::releaseWrite);
        run.joinAll();
        assertEquals(List.of("R", "W"), granted);
    }

    /** A new reader passes a queued writer (no fairness in afs_lock.c). */
    @Test
    void obtainRead_writerQueued_readerPasses() throws InterruptedException {
        glocked(avc::obtainRead);
        run.spawn("writer", () -> glocked(() -> {
            avc.obtainWrite();
            avc.releaseWrite();
        }));
        run.awaitBlocked("writer");
        TaskHandle reader = run.spawn("reader", () -> glocked(() -> {
            avc.obtainRead();
            granted.add("R");
            avc.releaseRead();
        }));
        run.awaitBlocked("writer");
        assertTrue(reader.join(ModelRun.BOUND), "the reader finished while the writer waits");
        assertEquals(List.of("R"), granted);
        glocked(avc::releaseRead);
        run.joinAll();
    }

    /** UpgradeSToW waits (BOOSTED) until the readers are gone, keeping SHARED meanwhile. */
    @Test
    void upgrade_readerPresent_waitsForReader() {
        run.spawn("reader", () -> glocked(() -> {
            avc.obtainRead();
            granted.add("R");
            glock.unlock();
            run.awaitBlocked("fsync");
            glock.lock();
            avc.releaseRead();
        }));
        run.spawn("fsync", () -> glocked(() -> {
            awaitGranted("R");
            avc.obtainShared();
            avc.upgradeSToW();
            assertEquals(Mode.WRITE, avc.heldMode());
            granted.add("W");
            avc.convertWToS();
            assertEquals(Mode.SHARED, avc.heldMode());
            avc.releaseShared();
        }));
        run.joinAll();
        assertEquals(List.of("R", "W"), granted);
        assertEquals(Verdict.CLEAN, run.detectors.verdict());
    }

    /** ConvertWToS lets a waiting reader in while the converter keeps SHARED. */
    @Test
    void convertWToS_readerWaiting_readerGranted() {
        glocked(avc::obtainWrite);
        run.spawn("reader", () -> glocked(() -> {
            avc.obtainRead();
            granted.add("R");
            avc.releaseRead();
        }));
        run.awaitBlocked("reader");
        glocked(avc::convertWToS);
        run.joinAll();
        assertEquals(List.of("R"), granted);
        assertEquals(Mode.SHARED, glocked(avc::heldMode));
        glocked(avc::convertSToR);
        assertEquals(Mode.READ, glocked(avc::heldMode));
        glocked(avc::releaseRead);
    }

    /** The NB variants never wait and follow the same grant rules. */
    @Test
    void nbObtain_followsGrantRules() {
        glocked(() -> {
            assertTrue(avc.nbObtainRead());
            assertTrue(avc.nbObtainShared());
            avc.releaseShared();
            avc.releaseRead();
            assertTrue(avc.nbObtainWrite());
        });
        TaskHandle other = run.spawn("other", () -> glocked(() -> {
            assertFalse(avc.nbObtainRead());
            assertFalse(avc.nbObtainShared());
            assertFalse(avc.nbObtainWrite());
        }));
        run.joinAll();
        assertNull(other.failure());
        glocked(avc::releaseWrite);
    }

    private void awaitGranted(String what) {
        glock.unlock();
        await().atMost(ModelRun.BOUND).until(() -> granted.contains(what));
        glock.lock();
    }

    private void glocked(Runnable body) {
        glock.lock();
        try {
            body.run();
        } finally {
            glock.unlock();
        }
    }

    private <T> T glocked(Supplier<T> body) {
        glock.lock();
        try {
            return body.get();
        } finally {
            glock.unlock();
        }
    }
}
