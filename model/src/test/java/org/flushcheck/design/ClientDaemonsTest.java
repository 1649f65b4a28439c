package org.flushcheck.design;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.flushcheck.afs.AfsConfig;
import org.flushcheck.afs.VCache;
import org.flushcheck.detect.Verdict;
import org.flushcheck.sync.DeadlockException;
import org.flushcheck.sync.Hang;
import org.flushcheck.sync.TaskHandle;
import org.flushcheck.testing.ModelRun;
import org.flushcheck.testing.Quiescence;
import org.flushcheck.vm.KernelProfile;
import org.flushcheck.vm.Vm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A client may run only some of its daemons (fewer threads for a model checker). */
@ExtendWith(Quiescence.class)
class ClientDaemonsTest {

    @TempDir
    Path dir;

    /** With only the flusher, write, writeback and fsync work; shutdown returns its threads. */
    @Test
    void start_flusherOnly_writebackWorksAndOnlyFlushersJoined(Quiescence.Runs runs) {
        ModelRun run = runs.create(ModelRun.detectors().build());
        Client c = client(run, new SafeDeferred(), AfsConfig.of(1, 16));
        c.start(EnumSet.of(Client.Daemon.FLUSHER));
        byte[] data = Rig.bytes(2 * Rig.PAGE, 7);
        TaskHandle writer = run.spawn("writer", () -> {
            VCache f = c.open(1);
            c.write(f, 0, data);
            c.writeback();
            c.fsync(f);
            assertArrayEquals(data, c.stored(f));
        });
        run.joinAll();
        List<TaskHandle> threads = stop(c);

        assertNull(writer.failure());
        assertEquals(2, threads.size()); // flush-afs, flush-cachefs
        assertEquals(Verdict.CLEAN, run.detectors.verdict());
    }

    /** Without the truncate daemon a writer that must wait for the drain is a STALL at once. */
    @Test
    void start_withoutTruncateDaemon_drainWaitStalls(Quiescence.Runs runs) {
        ModelRun run = runs.create(ModelRun.detectors().build());
        Client c = client(run, new PageWriteback16(), AfsConfig.of(1, 2).withMaxDirtyChunks(2));
        c.start(EnumSet.of(Client.Daemon.FLUSHER));
        TaskHandle writer = run.spawn("writer", () -> {
            VCache f = c.open(1);
            c.write(f, 0, Rig.bytes(3 * Rig.PAGE, 1)); // a third chunk in a cache of two
        });
        run.joinAll();
        stop(c);

        Hang hang = assertInstanceOf(DeadlockException.class, writer.failure()).hang();
        assertEquals(Hang.Kind.STALL, hang.kind());
        assertTrue(run.take(Verdict.STALL).get(0).report().contains("afs_WaitForCacheDrain"));
    }

    private Client client(ModelRun run, LockDesign design, AfsConfig afs) {
        return new Client(run.domain, design, KernelProfile.K2_6_32,
                Vm.Config.defaults(KernelProfile.K2_6_32, 4096), afs, dir);
    }

    private static List<TaskHandle> stop(Client c) {
        List<TaskHandle> threads = c.shutdown();
        await("client threads end").atMost(ModelRun.BOUND)
                .until(() -> threads.stream().allMatch(TaskHandle::isDone));
        c.cm().cachefs().close();
        return threads;
    }
}
