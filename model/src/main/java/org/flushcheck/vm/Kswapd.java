package org.flushcheck.vm;

import org.flushcheck.sync.Event;
import org.flushcheck.sync.RacyFlag;
import org.flushcheck.sync.RacyLong;
import org.flushcheck.sync.TaskHandle;

/**
 * kswapd0: sleeps on {@code kswapd_wait} until an allocation finds memory over its
 * limit, then reclaims ({@code balance_pgdat}) with GFP_KERNEL, so it may call
 * ->writepage on every era.
 *
 * Racy (each access a scheduling point): the wakeups requested
 * ({@code kswapd_max_order}, which {@code wakeup_kswapd} sets with no lock) and
 * {@code kthread_should_stop}, both of {@code kswapd_wait}'s region: the wait reads
 * nothing else, so its footprint names them.
 */
public final class Kswapd {

    private final Vm vm;
    private final Event wait;
    private final RacyLong requested;
    private final RacyFlag stopped;
    private TaskHandle thread;

    Kswapd(Vm vm) {
        this.vm = vm;
        this.wait = Event.idle(vm.domain(), "kswapd_wait");
        this.requested = new RacyLong(vm.domain(), "kswapd_max_order", wait);
        this.stopped = new RacyFlag(vm.domain(), "kthread_should_stop", wait);
    }

    void start() {
        thread = vm.domain().spawn("kswapd0", this::run);
    }

    void stop() {
        stopped.set(true);
        wait.wakeup();
    }

    /** {@code wakeup_kswapd}. */
    public void wakeup() {
        requested.incrementAndGet();
        wait.wakeup();
    }

    /**
     * One pass in the calling task, as kswapd0 runs it when woken: for a model checker,
     * which explores one pass by a task of its own instead of an idle kswapd woken for it.
     */
    public void balance_pgdat() {
        Vmscan.balance_pgdat(vm);
    }

    /** The kswapd0 task, or null when it was never started. */
    public TaskHandle thread() {
        return thread;
    }

    private void run() {
        long seen = 0;
        while (true) {
            long mine = seen;
            wait.waitUntil(() -> stopped.get() || requested.get() > mine, wait);
            if (stopped.get()) {
                return;
            }
            seen = requested.get();
            Vmscan.balance_pgdat(vm);
        }
    }
}
