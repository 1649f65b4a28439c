package org.flushcheck.vm;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flushcheck.sync.Domain;
import org.flushcheck.sync.Racy;
import org.flushcheck.sync.RacyFlag;
import org.flushcheck.sync.RacyLong;

/**
 * A backing device ({@code struct backing_dev_info}): its dirty and writeback page
 * counts, the inodes it writes back, and whether a flusher is working on it
 * ({@code writeback_acquire}: at most one pdflush per bdi on 2.6.18).
 *
 * Racy (no lock; each access a scheduling point): {@code BDI_RECLAIMABLE} and
 * {@code BDI_WRITEBACK} (per-cpu {@code bdi_stat} counters, read with no lock by
 * balance_dirty_pages), and the {@code BDI_pdflush} state bit
 * ({@code test_and_set_bit} in {@code writeback_acquire}).
 * {@code mappings} ({@code sb->s_inodes}, under inode_lock in C, a spinlock held only
 * inside one list operation) grows as inodes are made, cache files among them while the
 * tasks run: each registration and each walk is one access.
 */
public final class Bdi {

    private final String name;
    private final boolean capWriteback;
    private final List<AddressSpace> mappings = new CopyOnWriteArrayList<>();
    private final Racy inodes;
    private final RacyLong dirty;
    private final RacyLong writeback;
    private final RacyFlag writebackRunning;

    Bdi(Domain domain, String name, boolean capWriteback) {
        this.name = name;
        this.capWriteback = capWriteback;
        this.inodes = new Racy(domain, "s_inodes");
        this.dirty = new RacyLong(domain, "BDI_RECLAIMABLE");
        this.writeback = new RacyLong(domain, "BDI_WRITEBACK");
        this.writebackRunning = new RacyFlag(domain, "BDI_pdflush");
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
        inodes.access();
        mappings.add(mapping);
    }

    /** The address spaces with pages on this device, in registration order. */
    public List<AddressSpace> mappings() {
        inodes.access();
        return List.copyOf(mappings);
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
