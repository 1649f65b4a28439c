package org.flushcheck.lincheck;

import java.util.List;
import org.flushcheck.afs.AfsConfig;
import org.flushcheck.afs.VCache;
import org.flushcheck.design.Client;
import org.flushcheck.detect.Verdict;
import org.flushcheck.vm.KernelProfile;
import org.junit.jupiter.api.Tag;

/**
 * B1, writeback recursion (RT 120491): a stored file dirtied again through a shared
 * mapping, with more dirty chunks than afs_cacheMaxDirtyChunks, raced by a pdflush pass,
 * then fsync'd. Under 1.4 before CPageWrite (4a587356a), writepage -> afs_DoPartialWrite
 * -> afs_StoreAllSegments -> osi_VM_StoreAllSegments -> filemap_fdatawrite reaches
 * lock_page of the page the task is itself writing: a recursive PG_locked. Every other
 * design is clean: CPageWrite skips the VM flush, 1.6 and the deferred designs set
 * PG_writeback and unlock the page first, safe-deferred never stores from writepage.
 */
public abstract class MmapWritebackRecursionTest extends ConcernTest {

    protected MmapWritebackRecursionTest(String design, Expectation expected) {
        super(design, expected);
    }

    @Override
    protected KernelProfile kernel() {
        return KernelProfile.K2_6_32;
    }

    @Override
    protected AfsConfig sizes() {
        return AfsConfig.of(1, 16).withMaxDirtyChunks(1);
    }

    @Override
    protected List<VCache> setup(Client client) {
        VCache f = client.open(1);
        client.write(f, 0, bytes(8192, 1));
        client.fsync(f);
        return List.of(f);
    }

    @Override
    protected void race(Client client, List<VCache> files, Actors actors) {
        VCache f = files.get(0);
        actors.spawn("writer", () -> {
            client.mmapStore(f, 0, bytes(1, 2));
            client.mmapStore(f, 4096, bytes(1, 2));
        });
        actors.spawn("pdflush", client::flusherPass);
    }

    public static final class WriteThrough14NoCPageWrite extends MmapWritebackRecursionTest {
        public WriteThrough14NoCPageWrite() {
            super("write-through-1.4-no-cpagewrite", Expectation.of(Verdict.DEADLOCK, "PG_locked"));
        }
    }

    public static final class WriteThrough14 extends MmapWritebackRecursionTest {
        public WriteThrough14() {
            super("write-through-1.4", Expectation.CLEAN);
        }
    }

    @Tag("deep")
    public static final class PageWriteback16 extends MmapWritebackRecursionTest {
        public PageWriteback16() {
            super("page-writeback-1.6", Expectation.CLEAN);
        }
    }

    @Tag("deep")
    public static final class NaiveDeferred extends MmapWritebackRecursionTest {
        public NaiveDeferred() {
            super("naive-deferred", Expectation.CLEAN);
        }
    }

    public static final class SafeDeferred extends MmapWritebackRecursionTest {
        public SafeDeferred() {
            super("safe-deferred", Expectation.CLEAN);
        }
    }
}
