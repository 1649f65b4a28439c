package org.flushcheck.vm;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A backing device ({@code struct backing_dev_info}): its dirty and writeback page
 * counts, the inodes it writes back, and whether a flusher is working on it
 * ({@code writeback_acquire}: at most one pdflush per bdi on 2.6.18).
 */
public final class Bdi {

    private final String name;
    private final boolean capWriteback;
    private final List<AddressSpace> mappings = new CopyOnWriteArrayList<>();
    private final AtomicLong dirty = new AtomicLong();
    private final AtomicLong writeback = new AtomicLong();
    private final AtomicBoolean writebackRunning = new AtomicBoolean();

    Bdi(String name, boolean capWriteback) {
        this.name = name;
        this.capWriteback = capWriteback;
    }

    /**
     * Whether pages of this device are written back and their dirt accounted; false for
     * tmpfs/ramfs (BDI_CAP_NO_WRITEBACK | BDI_CAP_NO_ACCT_DIRTY), whose pages stay dirty
     * in memory and are never counted against the dirty limits.
     */
    public boolean capWriteback() {
        return capWriteback;
    }

    public String name() {
        return name;
    }

    void register(AddressSpace mapping) {
        mappings.add(mapping);
    }

    /** The address spaces with pages on this device, in registration order. */
    public List<AddressSpace> mappings() {
        return mappings;
    }

    /** BDI_RECLAIMABLE: dirty pages of this device. */
    public long dirty() {
        return dirty.get();
    }

    /** BDI_WRITEBACK: pages of this device under writeback. */
    public long writeback() {
        return writeback.get();
    }

    void addDirty(long n) {
        dirty.addAndGet(n);
    }

    void addWriteback(long n) {
        writeback.addAndGet(n);
    }

    /** {@code writeback_acquire}: true if no flusher was already working on this bdi. */
    boolean writebackAcquire() {
        return writebackRunning.compareAndSet(false, true);
    }

    /** {@code writeback_release}. */
    void writebackRelease() {
        writebackRunning.set(false);
    }

    @Override
    public String toString() {
        return name;
    }
}
