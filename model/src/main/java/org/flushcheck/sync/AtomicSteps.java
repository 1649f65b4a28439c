package org.flushcheck.sync;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The seam for a model checker that schedules the model's threads itself (Lincheck).
 *
 * <p>Every section of the sync layer under a domain monitor is one atomic step: it never
 * blocks and never switches threads, so a checker gains nothing by interleaving inside
 * it and pays for every event it would track there (the task map, the wait-for graph,
 * lockdep's stack walk). A checker installs a {@link Marker} for the span of its run
 * ({@link #markedDuring});
 * the steps tell it where they begin and end. Parks (in {@link ChokePoint}) and unparks
 * (after a step, see {@link Domain#atomically}) stay outside the steps, so the checker
 * still sees every block and every wakeup, and schedules threads there and in the
 * model code between steps.
 *
 * <p>Installed process-wide, as the checker itself is (Lincheck runs one test at a
 * time); with none installed a step costs one volatile read.
 */
public final class AtomicSteps {

    /** Marks a step's span for the checker; both are called on the stepping thread. */
    public interface Marker {
        void enter();

        void leave();
    }

    /** No checker: steps are plain monitor sections. */
    static final Marker NONE = new Marker() {
        @Override
        public void enter() {
        }

        @Override
        public void leave() {
        }
    };

    private static final AtomicReference<Marker> MARKER = new AtomicReference<>(NONE);

    private AtomicSteps() {
    }

    /** Runs {@code body} (the checker's run) with {@code m} installed; one marker at a time. */
    public static void markedDuring(Marker m, Runnable body) {
        Objects.requireNonNull(m, "marker");
        if (!MARKER.compareAndSet(NONE, m)) {
            throw new IllegalStateException("an atomic-step marker is already installed");
        }
        try {
            body.run();
        } finally {
            MARKER.set(NONE);
        }
    }

    /** An operation on a host file (the cache's real files). */
    public interface HostIo<T> {
        T run() throws IOException;
    }

    /**
     * Runs host file I/O as one step of its own, without the domain monitor: the cache
     * disk is outside the model's concurrency (its callers hold the page and inode locks
     * that order it), and a checker need not, and Lincheck cannot, look inside file I/O.
     */
    public static <T> T hostIo(HostIo<T> io) throws IOException {
        Marker m = MARKER.get();
        m.enter();
        try {
            return io.run();
        } finally {
            m.leave();
        }
    }

    /**
     * Runs a bulk memory operation on page data (zeroing a page) as one step: the page
     * lock the caller holds orders it, and a checker that tracked each byte would spend
     * thousands of events, and take the loop for a spin, on what the kernel does with
     * one memset.
     */
    public static void bulk(Runnable body) {
        Marker m = MARKER.get();
        m.enter();
        try {
            body.run();
        } finally {
            m.leave();
        }
    }

    /** The installed marker, read once per step so that enter and leave pair up. */
    static Marker marker() {
        return MARKER.get();
    }
}
