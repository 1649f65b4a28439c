package org.flushcheck.vm;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.flushcheck.detect.Verdict;
import org.flushcheck.sync.TaskHandle;
import org.flushcheck.testing.ModelRun;
import org.flushcheck.testing.Quiescence;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The flusher at shutdown. A writeback request that races the stop must not be left
 * waiting: Lincheck found the interleaving (a program stopping its client while an actor's
 * {@code flushAndWait} was pending: {@code kupdate -> wait(flusher_done) -> (nothing can
 * end it)}); the kernel flushes pending work before a flusher ends, and completes work
 * queued once it is gone.
 */
@ExtendWith(Quiescence.class)
class FlusherTest {

    /** Every flusher thread has exited; a request then completes at once, with no pass. */
    @ParameterizedTest
    @EnumSource(KernelProfile.class)
    void flushAndWait_afterShutdown_returns(KernelProfile kernel, Quiescence.Runs runs) {
        ModelRun run = runs.create();
        Vm vm = new Vm(run.domain, kernel, Vm.Config.defaults(kernel, 256));
        vm.bdi_register("afs", true);
        vm.bdi_register("cachefs", true);
        vm.start();
        vm.shutdown();
        List<TaskHandle> threads = new ArrayList<>(vm.flusher().threads());
        threads.add(vm.kswapd().thread());
        await("kernel threads end").atMost(ModelRun.BOUND)
                .until(() -> threads.stream().allMatch(TaskHandle::isDone));

        TaskHandle kupdate = run.spawn("kupdate", vm.flusher()::flushAndWait);
        run.joinAll();

        assertNull(kupdate.failure(), () -> String.valueOf(run.detectors.findings()));
        assertEquals(Verdict.CLEAN, run.detectors.verdict());
    }
}
