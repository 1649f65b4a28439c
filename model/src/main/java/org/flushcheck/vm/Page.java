package org.flushcheck.vm;

import java.util.concurrent.atomic.AtomicBoolean;
import org.flushcheck.sync.PageBits;

/**
 * A page of the page cache: its state bits (PG_locked, PG_writeback, PG_dirty), the
 * radix-tree tags of its mapping (DIRTY, WRITEBACK), PG_uptodate and PG_reclaim, and
 * its data.
 *
 * Locks: {@code data} and {@code uptodate} change only with PG_locked held (or, for a
 * page under writeback, are only read). Tags and PG_reclaim are atomics, as the
 * radix-tree tag bits are under tree_lock in C.
 *
 * Invariant (kernel): the DIRTY tag is set whenever PG_dirty is; it may stay set after
 * PG_dirty is cleared ({@code clear_page_dirty_for_io}) until set_page_writeback.
 */
public final class Page {

    public static final int PAGE_SIZE = 4096;

    private final AddressSpace mapping;
    private final long index;
    private final PageBits bits;
    private final byte[] data = new byte[PAGE_SIZE];
    private final AtomicBoolean tagDirty = new AtomicBoolean();
    private final AtomicBoolean tagWriteback = new AtomicBoolean();
    private final AtomicBoolean reclaim = new AtomicBoolean();
    private volatile boolean uptodate;

    Page(AddressSpace mapping, long index) {
        this.mapping = mapping;
        this.index = index;
        this.bits = new PageBits(mapping.vm().domain(), mapping.fsType().pageLocked(),
                mapping.fsType().pageWriteback(), "page " + index + " of " + mapping.host());
    }

    public AddressSpace mapping() {
        return mapping;
    }

    public long index() {
        return index;
    }

    /** The byte offset of the page in its file ({@code page_offset}). */
    public long offset() {
        return index * PAGE_SIZE;
    }

    public PageBits bits() {
        return bits;
    }

    /** The page's bytes; read or written with PG_locked held (or read under writeback). */
    public byte[] data() {
        return data;
    }

    public boolean uptodate() {
        return uptodate;
    }

    public void setUptodate() {
        uptodate = true;
    }

    boolean tagDirty() {
        return tagDirty.get();
    }

    void setTagDirty(boolean on) {
        tagDirty.set(on);
    }

    boolean tagWriteback() {
        return tagWriteback.get();
    }

    void setTagWriteback(boolean on) {
        tagWriteback.set(on);
    }

    /** PG_reclaim: set by pageout() before ->writepage; cleared by clear_page_dirty_for_io. */
    public boolean reclaim() {
        return reclaim.get();
    }

    void setReclaim(boolean on) {
        reclaim.set(on);
    }

    @Override
    public String toString() {
        return bits.toString();
    }
}
