package org.flushcheck.design.samples;

import org.flushcheck.afs.AfsPageOps;
import org.flushcheck.afs.AfsVariant;
import org.flushcheck.afs.CacheManager;
import org.flushcheck.design.AfsAops;
import org.flushcheck.design.LockDesign;
import org.flushcheck.design.LockingTable;
import org.flushcheck.design.PageWriteback16;
import org.flushcheck.detect.LockOrder;
import org.flushcheck.vm.AddressSpaceOperations;
import org.flushcheck.vm.PageWriteback;

/**
 * Sample 01: a complete user lock design, to copy when you write your own.
 *
 * The idea: keep 1.6's write-through write() and writepage, but make writepage refuse
 * reclaim by redirtying the page instead of answering AOP_WRITEPAGE_ACTIVATE, so that
 * reclaim never sets AS_EIO and never enters AFS (the 2026 change 291a26a23, applied to
 * reclaim).
 *
 * A design is four things:
 *   1. variant(): which release behaviour the shared AFS code follows;
 *   2. aops(): write_end and writepage (and whether write_begin fills partial pages),
 *      as an {@link AfsAops} composed from {@link AfsPageOps} (the C bodies, by release)
 *      and your own code;
 *   3. lockOrder(): every dependency your code may create, as an indented tree;
 *   4. lockingTable(): what each entry point holds and takes.
 * Register it in META-INF/services/org.flushcheck.design.LockDesign, then it is found
 * by name like the built-in ones.
 *
 * HOW TO RUN
 *   mvn -B verify            # DesignContractTest runs every registered design,
 *                            # this one included, against its declared order
 */
public final class Sample01_ReclaimSafeWriteThrough implements LockDesign {

    private final LockDesign base = new PageWriteback16();

    @Override
    public String name() {
        return "sample-01-reclaim-redirty";
    }

    @Override
    public String summary() {
        return "sample: 1.6 write-through whose writepage redirties under reclaim";
    }

    @Override
    public AfsVariant variant() {
        return base.variant();
    }

    @Override
    public AddressSpaceOperations aops(CacheManager cm) {
        return new AfsAops(cm, false,
                (inode, pos, copied, page) -> AfsPageOps.afs_linux_write_end_through(cm, inode, pos, copied,
                        page, false),
                (page, wbc) -> {
                    if (wbc.forReclaim()) {
                        PageWriteback.redirty_page_for_writepage(wbc, page);
                        page.bits().unlock();
                        return 0;
                    }
                    return AfsPageOps.afs_linux_writepage_16(cm, page);
                });
    }

    @Override
    public LockOrder lockOrder() {
        return base.lockOrder();
    }

    @Override
    public LockingTable lockingTable() {
        return base.lockingTable();
    }
}
