package org.flushcheck.vm;

import java.util.concurrent.atomic.AtomicLong;
import org.flushcheck.sync.Event;
import org.flushcheck.sync.TaskHandle;

/**
 * kswapd0: sleeps on {@code kswapd_wait} until an allocation finds memory over its
 * limit, then reclaims ({@code balance_pgdat}) with GFP_KERNEL, so it may call
 * ->writepage on every era.
 */
public final class Kswapd {

    private final Vm vm;
    private final Event wait;
    private final AtomicLong requested = new AtomicLong();
    private volatile boolean stopped;
    private TaskHandle thread;

    Kswapd(Vm vm) {
        this.vm = vm;
        this.wait = Event.idle(vm.domain(), "kswapd_wait");
    }

    void start() {
        thread = vm.domain().spawn("kswapd0", this::run);
    }

    void stop() {
        stopped = true;
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
            wait.waitUntil(() -> stopped || requested.get() > mine);
            if (stopped) {
                return;
            }
            seen = requested.get();
            Vmscan.balance_pgdat(vm);
        }
    }
}
