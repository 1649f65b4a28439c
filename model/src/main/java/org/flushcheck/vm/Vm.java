package org.flushcheck.vm;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flushcheck.sync.Domain;
import org.flushcheck.sync.Event;
import org.flushcheck.sync.Gfp;
import org.flushcheck.sync.Poll;
import org.flushcheck.sync.RacyLong;
import org.flushcheck.sync.Reclaim;

/**
 * One kernel: its profile, memory, global dirty accounting, backing devices, the
 * flusher, kswapd and the fs_reclaim pseudo-lock.
 *
 * Waits:
 *   {@code congestion_wqh} — a throttled writer waits here for writeback progress; any
 *   task that ends writeback wakes it. The kernel polls with a timeout
 *   ({@code congestion_wait(HZ/10)}) and retries; so does the model ({@link Poll}), so
 *   a retry can make the progress the wait looked for (an EAGAIN from writepage that
 *   wakes a daemon). After {@link Poll#FUTILE} futile tries in a row it waits for that
 *   progress untimed, so a poll that could never succeed becomes a wait the detectors
 *   can judge.
 *   {@code kswapd_wait} — kswapd sleeps here until memory runs low.
 *
 * Racy (no lock; each access a scheduling point, {@link RacyLong}):
 *   the global counters, as the kernel's per-cpu vmstat counters are read with
 *   {@code global_page_state} and bumped with {@code inc_zone_page_state} under no lock
 *   the writers share: {@code NR_FILE_PAGES}, {@code NR_FILE_DIRTY},
 *   {@code NR_WRITEBACK}; the completions a throttled writer polls for
 *   ({@code BDI_WRITTEN}); the pages dirtied toward the ratelimit
 *   ({@code bdp_ratelimits}).
 */
public final class Vm {

    /** {@code HZ/10}: how long one congestion_wait sleeps at most. */
    static final long CONGESTION_WAIT_NANOS = 100_000_000L;

    /** Sizes and tunables of a kernel; every field checked when built. */
    public record Config(long memoryPages, int dirtyRatio, int backgroundRatio, int ratelimitPages) {

        public Config {
            if (memoryPages < 16) {
                throw new IllegalArgumentException("memory of " + memoryPages
                        + " pages is too small: a kernel needs at least 16");
            }
            checkRatio("dirty ratio", dirtyRatio);
            checkRatio("background ratio", backgroundRatio);
            if (ratelimitPages < 1) {
                throw new IllegalArgumentException("ratelimit of " + ratelimitPages
                        + " pages must be at least 1");
            }
        }

        /** The era's default ratios on a machine of {@code memoryPages}. */
        public static Config defaults(KernelProfile kernel, long memoryPages) {
            return new Config(memoryPages, kernel.dirtyRatio(), kernel.backgroundRatio(), 8);
        }

        private static void checkRatio(String what, int value) {
            if (value < 1 || value > 100) {
                throw new IllegalArgumentException(what + " " + value + " is not a percentage in 1..100");
            }
        }
    }

    private final Domain domain;
    private final KernelProfile kernel;
    private final Config config;
    private final Reclaim fsReclaim;
    private final RacyLong nrPages;
    private final RacyLong nrDirty;
    private final RacyLong nrWriteback;
    private final RacyLong writebackCompletions;
    private final RacyLong dirtied;
    private final Event congestion;
    private final List<Bdi> bdis = new CopyOnWriteArrayList<>();
    private final Flusher flusher;
    private final Kswapd kswapd;

    public Vm(Domain domain, KernelProfile kernel, Config config) {
        this.domain = domain;
        this.kernel = kernel;
        this.config = config;
        this.fsReclaim = new Reclaim(domain);
        this.nrPages = new RacyLong(domain, "NR_FILE_PAGES");
        this.nrDirty = new RacyLong(domain, "NR_FILE_DIRTY");
        this.nrWriteback = new RacyLong(domain, "NR_WRITEBACK");
        this.writebackCompletions = new RacyLong(domain, "BDI_WRITTEN");
        this.dirtied = new RacyLong(domain, "bdp_ratelimits");
        this.congestion = new Event(domain, "congestion_wqh", Event.ANY_TASK);
        this.flusher = new Flusher(this);
        this.kswapd = new Kswapd(this);
    }

    public Domain domain() {
        return domain;
    }

    public KernelProfile kernel() {
        return kernel;
    }

    public Config config() {
        return config;
    }

    public Reclaim fsReclaim() {
        return fsReclaim;
    }

    public Flusher flusher() {
        return flusher;
    }

    public Kswapd kswapd() {
        return kswapd;
    }

    /** Registers a backing device (bdi_register); the flusher and throttling see it. */
    public Bdi bdi_register(String name, boolean capWriteback) {
        Bdi bdi = new Bdi(domain, name, capWriteback);
        bdis.add(bdi);
        return bdi;
    }

    public List<Bdi> bdis() {
        return bdis;
    }

    /** Starts the kernel threads: the flusher(s) and kswapd. */
    public void start() {
        start(true, true);
    }

    /**
     * Starts the flusher(s) and kswapd, or only some of them (a model checker explores
     * fewer threads). A thread not started never wakes anyone: a wait for it is judged
     * by the detectors as any wait for a task that is gone.
     */
    public void start(boolean withFlusher, boolean withKswapd) {
        if (withFlusher) {
            flusher.start();
        }
        if (withKswapd) {
            kswapd.start();
        }
    }

    /** Stops the kernel threads; they exit after their current pass. */
    public void shutdown() {
        flusher.stop();
        kswapd.stop();
    }

    /** A page-cache allocation: may sleep, may reclaim (with __GFP_FS: may call ->writepage). */
    void alloc_page(Gfp gfp) {
        fsReclaim.mightAlloc(gfp);
        if (nrPages.incrementAndGet() > config.memoryPages()) {
            kswapd.wakeup();
            if (gfp.mayWait()) {
                Vmscan.try_to_free_pages(this, gfp);
            }
        }
    }

    void free_page() {
        nrPages.decrementAndGet();
    }

    public long nrPages() {
        return nrPages.get();
    }

    /** NR_FILE_DIRTY. */
    public long nrDirty() {
        return nrDirty.get();
    }

    /** NR_WRITEBACK. */
    public long nrWriteback() {
        return nrWriteback.get();
    }

    /**
     * Dirty pages come and go. A page leaving the dirty count without writeback (reclaim's
     * ACTIVATE, truncate, a cancelled page) can end a throttled task's wait as surely as a
     * completion, so it wakes congestion_wqh too: the kernel's timed poll would notice it.
     */
    void accountDirty(Bdi bdi, int delta) {
        nrDirty.addAndGet(delta);
        bdi.addDirty(delta);
        if (delta < 0) {
            congestion.wakeup();
        }
    }

    /** Counts one more page dirtied by a writer; the ratelimit of balance_dirty_pages uses it. */
    long dirtiedTick() {
        return dirtied.incrementAndGet();
    }

    void accountWriteback(Bdi bdi, int delta) {
        nrWriteback.addAndGet(delta);
        bdi.addWriteback(delta);
        if (delta < 0) {
            writebackCompletions.incrementAndGet();
            congestion.wakeup();
        }
    }

    /** Pages whose writeback has ended so far: what a throttled writer waits to see grow. */
    long writebackCompletions() {
        return writebackCompletions.get();
    }

    /**
     * {@code congestion_wait(BLK_RW_ASYNC, HZ/10)} for one throttled call: a poll of
     * congestion_wqh, each try at most {@link #CONGESTION_WAIT_NANOS} on the domain's clock.
     */
    Poll congestionWait() {
        return new Poll(congestion, CONGESTION_WAIT_NANOS);
    }

    /**
     * {@code dirty_thresh}, in pages ({@code get_dirty_limits}): the ratio raised to the
     * era's floor ({@link KernelProfile#minDirtyRatio}), at least one page.
     */
    long dirtyThresh() {
        return Math.max(1, config.memoryPages() * Math.max(config.dirtyRatio(), kernel.minDirtyRatio()) / 100);
    }

    /**
     * {@code background_thresh}, in pages: half the dirty threshold when the background
     * ratio would reach it ({@code if (background >= dirty) background = dirty / 2}), at
     * least one page.
     */
    long backgroundThresh() {
        long background = config.memoryPages() * config.backgroundRatio() / 100;
        long dirty = dirtyThresh();
        return Math.max(1, background >= dirty ? dirty / 2 : background);
    }
}
