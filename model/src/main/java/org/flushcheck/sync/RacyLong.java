package org.flushcheck.sync;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A counter the C code reads and writes without the lock that orders it
 * ({@code global_page_state(NR_FILE_DIRTY)}, {@code bdi_stat(BDI_RECLAIMABLE)}): every
 * operation is one {@link Racy} access, a scheduling point of its own in a controlled
 * run, then one atomic operation on the value. On real threads it is an
 * {@link AtomicLong}, nothing more.
 *
 * <p>Under the domain monitor (a {@link Event#waitUntil} condition, evaluated inside the
 * wait's step) an operation is no point of its own: it belongs to the step that runs it.
 */
public final class RacyLong {

    private final Racy racy;
    private final AtomicLong value = new AtomicLong();

    /** A counter named as in C ({@code "nr_dirty"}, {@code "BDI_WRITEBACK"}), starting at 0. */
    public RacyLong(Domain domain, String name) {
        this.racy = new Racy(domain, name);
    }

    /** A counter of {@code region} ({@link Racy#Racy(Domain, String, Resource)}), starting at 0. */
    public RacyLong(Domain domain, String name, Resource region) {
        this.racy = new Racy(domain, name, region);
    }

    public long get() {
        racy.access();
        return value.get();
    }

    public void set(long v) {
        racy.access();
        value.set(v);
    }

    public long addAndGet(long delta) {
        racy.access();
        return value.addAndGet(delta);
    }

    public long incrementAndGet() {
        return addAndGet(1);
    }

    public long decrementAndGet() {
        return addAndGet(-1);
    }

    public boolean compareAndSet(long expected, long next) {
        racy.access();
        return value.compareAndSet(expected, next);
    }

    @Override
    public String toString() {
        return racy + "=" + value.get();
    }
}
