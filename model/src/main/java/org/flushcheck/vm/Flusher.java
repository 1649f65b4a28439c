package org.flushcheck.vm;

import java.util.ArrayList;
import java.util.List;
import org.flushcheck.sync.Event;
import org.flushcheck.sync.RacyFlag;
import org.flushcheck.sync.RacyLong;
import org.flushcheck.sync.TaskHandle;

/**
 * Background writeback threads: before 2.6.32 a pdflush pool (two threads, as at boot;
 * a request that finds none idle is dropped, C15; at most one pdflush per bdi via
 * {@code writeback_acquire}); from 2.6.32 one {@code flush-<bdi>} thread per bdi.
 *
 * Waits: idle threads sleep on {@code flusher_work} until a request arrives or the
 * kernel stops; {@link #flushAndWait} sleeps on {@code flusher_done} until every
 * thread has finished a pass begun after its request, or every thread has exited.
 *
 * Shutdown ({@code bdi_wb_shutdown}): a thread told to stop first serves the requests
 * already queued for it (the kernel flushes the pending work before the thread ends),
 * and a request made once every thread is gone completes at once, with no pass (as
 * {@code wb_queue_work} finishes work queued on an unregistered bdi). So no waiter is
 * left behind by a stop that races its request.
 *
 * Periodic kupdate writeback is not a timer here: scenarios ask for it
 * ({@link #wakeup}), as balance_dirty_pages and reclaim do.
 *
 * Racy (each access a scheduling point, {@link RacyLong}): the work queue as counters,
 * which C keeps under {@code pdflush_lock} / {@code wb_lock}, spinlocks held only inside
 * one operation, and tests with no lock ({@code list_empty(&bdi->work_list)}):
 * {@code work_list} (requests made), {@code work_claimed} (taken by a pdflush),
 * {@code nr_pdflush_busy}, {@code wb_passes} (passes ended), {@code nr_flusher_threads}
 * (threads not exited), and {@code kthread_should_stop}; all but {@code nr_pdflush_busy}
 * are of {@code flusher_work}'s region, the only locations the two waits' conditions
 * read, so those waits name their footprints. {@code threads} and
 * {@code done} are set by {@link #start}, before any request.
 */
public final class Flusher {

    static final int MIN_PDFLUSH_THREADS = 2;

    private final Vm vm;
    private final Event work;
    private Event done;
    private final RacyLong requested;
    private final RacyLong claimed;
    private final RacyLong busy;
    private final RacyLong passes;
    private final RacyLong running;
    private final List<TaskHandle> threads = new ArrayList<>();
    private final RacyFlag stopped;

    Flusher(Vm vm) {
        this.vm = vm;
        this.work = Event.idle(vm.domain(), "flusher_work");
        this.requested = new RacyLong(vm.domain(), "work_list", work);
        this.claimed = new RacyLong(vm.domain(), "work_claimed", work);
        this.busy = new RacyLong(vm.domain(), "nr_pdflush_busy");
        this.passes = new RacyLong(vm.domain(), "wb_passes", work);
        this.running = new RacyLong(vm.domain(), "nr_flusher_threads", work);
        this.stopped = new RacyFlag(vm.domain(), "kthread_should_stop", work);
    }

    /** Starts the threads; bdis registered later get no per-bdi flusher. */
    void start() {
        if (vm.kernel().flusher() == KernelProfile.FlusherKind.PDFLUSH) {
            done = new Event(vm.domain(), "flusher_done", "pdflush");
            running.set(MIN_PDFLUSH_THREADS);
            for (int i = 0; i < MIN_PDFLUSH_THREADS; i++) {
                threads.add(vm.domain().spawn("pdflush", () -> run(null)));
            }
        } else {
            List<Bdi> bdis = vm.bdis().stream().filter(Bdi::capWriteback).toList();
            done = new Event(vm.domain(), "flusher_done",
                    bdis.stream().map(b -> "flush-" + b.name()).toArray(String[]::new));
            running.set(bdis.size());
            for (Bdi bdi : bdis) {
                threads.add(vm.domain().spawn("flush-" + bdi.name(), () -> run(bdi)));
            }
        }
    }

    void stop() {
        stopped.set(true);
        work.wakeup();
    }

    /** The flusher tasks, for joining at the end of a run. */
    public List<TaskHandle> threads() {
        return threads;
    }

    /**
     * Requests a background writeback pass ({@code pdflush_operation(background_writeout)}
     * or {@code bdi_start_writeback}). With pdflush and no idle thread the request is
     * dropped and false returned, as in 2.6.18.
     */
    public boolean wakeup() {
        if (vm.kernel().flusher() == KernelProfile.FlusherKind.PDFLUSH
                && busy.get() >= threads.size()) {
            return false;
        }
        requested.incrementAndGet();
        work.wakeup();
        return true;
    }

    /**
     * Requests a pass and waits until the flusher threads finished one begun after it, or
     * until they have all exited (a request racing a shutdown).
     */
    public void flushAndWait() {
        if (done == null) {
            throw new IllegalStateException("the flusher was never started (Vm.start)");
        }
        long target = passes.get() + (vm.kernel().flusher() == KernelProfile.FlusherKind.PDFLUSH
                ? 1 : threads.size());
        requested.incrementAndGet();
        work.wakeup();
        done.waitUntil(() -> passes.get() >= target || running.get() == 0, work);
    }

    private void run(Bdi own) {
        try {
            serve(own);
        } finally {
            running.decrementAndGet();
            done.wakeup();
        }
    }

    /** Passes on request until stopped with nothing left to serve. */
    private void serve(Bdi own) {
        long seen = 0;
        while (true) {
            long mine = seen;
            work.waitUntil(() -> stopped.get() || pending(own, mine), work);
            if (stopped.get() && !pending(own, mine)) {
                return;
            }
            if (own == null) {
                long c = claimed.get();
                if (c >= requested.get() || !claimed.compareAndSet(c, c + 1)) {
                    continue;
                }
            } else {
                seen = requested.get();
            }
            busy.incrementAndGet();
            try {
                pass(own);
            } finally {
                busy.decrementAndGet();
                passes.incrementAndGet();
                done.wakeup();
            }
        }
    }

    /** A request waits for this thread: one unclaimed (pdflush), or newer than its last pass. */
    private boolean pending(Bdi own, long seen) {
        return requested.get() > (own == null ? claimed.get() : seen);
    }

    /**
     * One background pass over every bdi in the calling task, as a pdflush thread runs
     * {@code background_writeout}: for a model checker, which explores one pass by a task
     * of its own instead of an idle flusher thread woken for it.
     */
    public void background_writeout() {
        pass(null);
    }

    /** One background pass ({@code background_writeout} / {@code wb_do_writeback}). */
    private void pass(Bdi own) {
        for (Bdi bdi : vm.bdis()) {
            if (own != null && bdi != own) {
                continue;
            }
            if (!bdi.capWriteback() || (own == null && !bdi.writebackAcquire())) {
                continue;
            }
            try {
                WritebackControl wbc = new WritebackControl(WritebackControl.SyncMode.WB_SYNC_NONE,
                        Long.MAX_VALUE, false, bdi);
                FsWriteback.writeback_inodes(vm, wbc);
            } finally {
                if (own == null) {
                    bdi.writebackRelease();
                }
            }
        }
    }
}
