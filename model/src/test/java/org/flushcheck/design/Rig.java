package org.flushcheck.design;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.List;
import org.flushcheck.afs.AfsConfig;
import org.flushcheck.detect.Detectors;
import org.flushcheck.sync.TaskHandle;
import org.flushcheck.testing.ModelRun;
import org.flushcheck.testing.Quiescence;
import org.flushcheck.vm.KernelProfile;
import org.flushcheck.vm.Page;
import org.flushcheck.vm.Vm;

/**
 * A started client inside a test run, with helpers to run an operation as a named task
 * and to shut everything down (bounded) before the quiescence check.
 */
final class Rig {

    final ModelRun run;
    final Client client;

    Rig(Quiescence.Runs runs, LockDesign design, KernelProfile kernel, AfsConfig afs, Path cacheDir,
            Detectors detectors) {
        this(runs, design, kernel, Vm.Config.defaults(kernel, 4096), afs, cacheDir, detectors);
    }

    Rig(Quiescence.Runs runs, LockDesign design, KernelProfile kernel, Vm.Config vm, AfsConfig afs,
            Path cacheDir, Detectors detectors) {
        this.run = runs.create(detectors);
        this.client = new Client(run.domain, design, kernel, vm, afs, cacheDir);
        client.start();
    }

    Rig(Quiescence.Runs runs, LockDesign design, KernelProfile kernel, Path cacheDir) {
        this(runs, design, kernel, AfsConfig.of(4, 16), cacheDir,
                ModelRun.detectors().order(design.lockOrder()).build());
    }

    /**
     * Runs {@code body} as task {@code comm} and waits (bounded) for it to end; an
     * assertion that failed inside the task fails the test (it would otherwise be only the
     * task's failure, which nobody reads).
     */
    TaskHandle task(String comm, Runnable body) {
        TaskHandle t = run.spawn(comm, body);
        await(comm + " ends").atMost(ModelRun.BOUND).until(t::isDone);
        if (t.failure() instanceof AssertionError e) {
            throw new AssertionError("in task " + comm + ": " + e.getMessage(), e);
        }
        return t;
    }

    /** Stops the client's threads and waits for them. */
    void stop() {
        List<TaskHandle> threads = client.shutdown();
        await("client threads end").atMost(ModelRun.BOUND)
                .until(() -> threads.stream().allMatch(TaskHandle::isDone));
        client.cm().cachefs().close();
    }

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed + i * 31);
        }
        return b;
    }

    static final int PAGE = Page.PAGE_SIZE;
}
