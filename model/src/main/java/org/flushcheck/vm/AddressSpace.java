package org.flushcheck.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import org.flushcheck.sync.Racy;
import org.flushcheck.sync.RacyFlag;

/**
 * {@code struct address_space}: the page cache of one inode, its operations, its
 * backing device and its error flag (AS_EIO).
 *
 * Locks: the radix tree is read without locks, as with RCU lookups in the kernel; a
 * page enters with {@code add_to_page_cache} (new and locked) and leaves only with
 * PG_locked held ({@code truncate}, reclaim). Tag lookups see a snapshot in index order.
 * Racy (each access a scheduling point): the tree ({@code mapping->page_tree}: every
 * lookup, insert and removal one access, as each is one tree_lock or RCU section in C;
 * a tag lookup reads each page's tag as an access of its own), and AS_EIO, set by a failed writeback and tested and cleared by fsync with no lock
 * ({@code test_and_clear_bit(AS_EIO, &mapping->flags)}), each access a scheduling point.
 */
public final class AddressSpace {

    private final Vm vm;
    private final Inode host;
    private final FsType fsType;
    private final Bdi bdi;
    private final AddressSpaceOperations aops;
    private final ConcurrentSkipListMap<Long, Page> pages = new ConcurrentSkipListMap<>();
    private final Racy tree;
    private final RacyFlag eio;

    AddressSpace(Vm vm, Inode host, FsType fsType, Bdi bdi, AddressSpaceOperations aops) {
        this.vm = vm;
        this.host = host;
        this.fsType = fsType;
        this.bdi = bdi;
        this.aops = aops;
        this.tree = new Racy(vm.domain(), "page_tree");
        this.eio = new RacyFlag(vm.domain(), "AS_EIO");
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
        tree.access();
        return pages.get(index);
    }

    /** {@code add_to_page_cache_lru}: a new page, allocated with {@code gfp} and inserted; null if one raced in. */
    Page add_to_page_cache(long index, org.flushcheck.sync.Gfp gfp) {
        vm.alloc_page(gfp);
        Page page = new Page(this, index);
        page.bits().lock();
        tree.access();
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
        tree.access();
        return pages.get(page.index()) == page;
    }

    /** Removes a locked page ({@code __remove_from_page_cache}). */
    void remove(Page page) {
        tree.access();
        if (pages.remove(page.index(), page)) {
            vm.free_page();
        }
    }

    /** Every page at or after {@code from}, in index order. */
    public List<Page> pagesFrom(long from) {
        tree.access();
        return new ArrayList<>(pages.tailMap(from).values());
    }

    /** Pages tagged DIRTY at or after {@code from}, in index order ({@code pagevec_lookup_tag}). */
    List<Page> taggedDirty(long from) {
        List<Page> out = new ArrayList<>();
        tree.access();
        for (Page p : List.copyOf(pages.tailMap(from).values())) {
            if (p.tagDirty()) {
                out.add(p);
            }
        }
        return out;
    }

    /** Pages tagged WRITEBACK, in index order. */
    List<Page> taggedWriteback() {
        List<Page> out = new ArrayList<>();
        tree.access();
        for (Page p : List.copyOf(pages.values())) {
            if (p.tagWriteback()) {
                out.add(p);
            }
        }
        return out;
    }

    public int nrpages() {
        tree.access();
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
