package org.flushcheck.vm;

import org.flushcheck.sync.PageBits;
import org.flushcheck.sync.RacyFlag;

/**
 * A page of the page cache: its state bits (PG_locked, PG_writeback, PG_dirty), the
 * radix-tree tags of its mapping (DIRTY, WRITEBACK), PG_uptodate and PG_reclaim, and
 * its data.
 *
 * Locks: {@code data} changes only with PG_locked held (or, for a page under writeback,
 * is only read). PG_uptodate is read and set only with PG_locked held, checked
 * ({@code assertLockedByCurrentTask}): the model's callers are write_begin, readpage and
 * the fill paths, all on a locked page.
 * Racy (each access a scheduling point, {@link RacyFlag}): the radix-tree tags
 * (PAGECACHE_TAG_DIRTY, PAGECACHE_TAG_WRITEBACK: under tree_lock in C, a spinlock held
 * only inside one tag operation, and read locklessly by RCU lookups from 2.6.27) and
 * PG_reclaim (a page flag set and cleared with no lock).
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
    private final RacyFlag tagDirty;
    private final RacyFlag tagWriteback;
    private final RacyFlag reclaim;
    /** PG_uptodate; guarded by PG_locked (this page's). */
    private boolean uptodate;

    Page(AddressSpace mapping, long index) {
        this.mapping = mapping;
        this.index = index;
        this.bits = new PageBits(mapping.vm().domain(), mapping.fsType().pageLocked(),
                mapping.fsType().pageWriteback(), "page " + index + " of " + mapping.host());
        this.tagDirty = new RacyFlag(mapping.vm().domain(), "PAGECACHE_TAG_DIRTY");
        this.tagWriteback = new RacyFlag(mapping.vm().domain(), "PAGECACHE_TAG_WRITEBACK");
        this.reclaim = new RacyFlag(mapping.vm().domain(), "PG_reclaim");
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

    /** {@code PageUptodate}; the caller holds PG_locked. */
    public boolean uptodate() {
        bits.assertLockedByCurrentTask();
        return uptodate;
    }

    /** {@code SetPageUptodate}; the caller holds PG_locked. */
    public void setUptodate() {
        bits.assertLockedByCurrentTask();
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
