package org.flushcheck.sync;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A flag the C code tests and sets without the lock that orders it
 * ({@code kthread_should_stop()}, {@code test_and_set_bit(BDI_pdflush)},
 * {@code test_and_clear_bit(AS_EIO)}): every operation is one {@link Racy} access, a
 * scheduling point of its own in a controlled run, then one atomic operation on the
 * value; on real threads an {@link AtomicBoolean}. Under the domain monitor (a wait's
 * condition) an operation is part of the step that runs it, as with {@link RacyLong}.
 */
public final class RacyFlag {

    private final Racy racy;
    private final AtomicBoolean value = new AtomicBoolean();

    /** A flag named as in C ({@code "AS_EIO"}, {@code "PG_reclaim"}), initially clear. */
    public RacyFlag(Domain domain, String name) {
        this.racy = new Racy(domain, name);
    }

    /** A flag of {@code region} ({@link Racy#Racy(Domain, String, Resource)}), clear at first. */
    public RacyFlag(Domain domain, String name, Resource region) {
        this.racy = new Racy(domain, name, region);
    }

    public boolean get() {
        racy.access();
        return value.get();
    }

    public void set(boolean on) {
        racy.access();
        value.set(on);
    }

    /** {@code test_and_set_bit} / {@code test_and_clear_bit}: the old value. */
    public boolean getAndSet(boolean on) {
        racy.access();
        return value.getAndSet(on);
    }

    public boolean compareAndSet(boolean expected, boolean next) {
        racy.access();
        return value.compareAndSet(expected, next);
    }

    @Override
    public String toString() {
        return racy + "=" + value.get();
    }
}
