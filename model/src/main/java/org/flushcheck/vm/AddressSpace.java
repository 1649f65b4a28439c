package org.flushcheck.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code struct address_space}: the page cache of one inode, its operations, its
 * backing device and its error flag (AS_EIO).
 *
 * Locks: the radix tree is read without locks, as with RCU lookups in the kernel; a
 * page enters with {@code add_to_page_cache} (new and locked) and leaves only with
 * PG_locked held ({@code truncate}, reclaim). Tag lookups see a snapshot in index order.
 */
public final class AddressSpace {

    private final Vm vm;
    private final Inode host;
    private final FsType fsType;
    private final Bdi bdi;
    private final AddressSpaceOperations aops;
    private final ConcurrentSkipListMap<Long, Page> pages = new ConcurrentSkipListMap<>();
    private final AtomicBoolean eio = new AtomicBoolean();

    AddressSpace(Vm vm, Inode host, FsType fsType, Bdi bdi, AddressSpaceOperations aops) {
        this.vm = vm;
        this.host = host;
        this.fsType = fsType;
        this.bdi = bdi;
        this.aops = aops;
        bdi.register(this);
    }

    public Vm vm() {
        return vm;
    }

    public Inode host() {
        return host;
    }

    public FsType fsType() {
        return fsType;
    }

    public Bdi bdi() {
        return bdi;
    }

    public AddressSpaceOperations aops() {
        return aops;
    }

    /** {@code find_get_page}: the cached page at {@code index}, or null. */
    public Page find_get_page(long index) {
        return pages.get(index);
    }

    /** {@code add_to_page_cache_lru}: a new page, allocated with {@code gfp} and inserted; null if one raced in. */
    Page add_to_page_cache(long index, org.flushcheck.sync.Gfp gfp) {
        vm.alloc_page(gfp);
        Page page = new Page(this, index);
        page.bits().lock();
        Page raced = pages.putIfAbsent(index, page);
        if (raced != null) {
            page.bits().unlock();
            vm.free_page();
            return null;
        }
        return page;
    }

    /** Whether {@code page} is still in this mapping (not truncated or reclaimed). */
    public boolean contains(Page page) {
        return pages.get(page.index()) == page;
    }

    /** Removes a locked page ({@code __remove_from_page_cache}). */
    void remove(Page page) {
        if (pages.remove(page.index(), page)) {
            vm.free_page();
        }
    }

    /** Every page at or after {@code from}, in index order. */
    public List<Page> pagesFrom(long from) {
        return new ArrayList<>(pages.tailMap(from).values());
    }

    /** Pages tagged DIRTY at or after {@code from}, in index order ({@code pagevec_lookup_tag}). */
    List<Page> taggedDirty(long from) {
        List<Page> out = new ArrayList<>();
        for (Page p : pages.tailMap(from).values()) {
            if (p.tagDirty()) {
                out.add(p);
            }
        }
        return out;
    }

    /** Pages tagged WRITEBACK, in index order. */
    List<Page> taggedWriteback() {
        List<Page> out = new ArrayList<>();
        for (Page p : pages.values()) {
            if (p.tagWriteback()) {
                out.add(p);
            }
        }
        return out;
    }

    public int nrpages() {
        return pages.size();
    }

    /** {@code mapping_set_error(mapping, -EIO)}. */
    void setError() {
        eio.set(true);
    }

    /** Tests and clears AS_EIO, as filemap_fdatawait does. */
    boolean testClearError() {
        return eio.getAndSet(false);
    }

    @Override
    public String toString() {
        return "mapping of " + host;
    }
}
