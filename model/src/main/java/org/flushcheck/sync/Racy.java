package org.flushcheck.sync;

/**
 * A location the C code reads or writes without the lock that orders it: a flag test
 * such as {@code avc->f.states & CPageWrite}, a counter read racily
 * ({@code global_page_state(NR_FILE_DIRTY)}, {@code afs_blocksUsed}). Java keeps the
 * value itself in an atomic or volatile field; this object makes each access a
 * scheduling point of its own, so that the explorer interleaves other tasks exactly
 * there, as the hardware could.
 *
 * <p>The rule that keeps controlled mode sound: model state shared between tasks is
 * either guarded by a sync-layer primitive the accessing task holds, or every access
 * to it (the racy reads and the writes they race with) calls {@link #access} first.
 * {@link RacyLong} and {@link RacyFlag} do that for a counter and a flag; a bare
 * {@code Racy} marks a structure each of whose operations is one access (the page tree,
 * a fileserver call). An access under the domain monitor (a wait's condition) is no
 * point: it belongs to the step that runs it.
 */
public final class Racy {

    private final Domain domain;
    private final String name;
    final int id;

    /** A racy location named as in C ({@code "CPageWrite"}, {@code "nr_dirty"}). */
    public Racy(Domain domain, String name) {
        this.domain = domain;
        this.name = name;
        this.id = domain.newId();
    }

    /**
     * A racy location of {@code region}: each access is a step on that resource (it takes
     * the region's id), so that a wait whose condition reads only the region's locations
     * names its footprint exactly ({@link Event#waitUntil(java.util.function.BooleanSupplier, Resource)}).
     */
    public Racy(Domain domain, String name, Resource region) {
        this.domain = domain;
        this.name = name;
        this.id = region.id;
    }

    /** Marks one access: a scheduling point in a controlled run, nothing on real threads. */
    public void access() {
        domain.racy(this);
    }

    @Override
    public String toString() {
        return name;
    }
}
