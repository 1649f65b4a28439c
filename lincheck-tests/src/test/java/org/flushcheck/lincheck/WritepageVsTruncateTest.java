package org.flushcheck.lincheck;

import java.util.List;
import org.flushcheck.afs.AfsConfig;
import org.flushcheck.afs.VCache;
import org.flushcheck.design.Client;
import org.flushcheck.detect.Verdict;
import org.flushcheck.vm.KernelProfile;
import org.flushcheck.vm.Page;
import org.junit.jupiter.api.Tag;

/**
 * B2, writepage past EOF (6f2ce4cdc): a file of two pages, the second dirtied through a
 * shared mapping, truncated to one page while a pdflush pass writes it back. When
 * writepage runs after the truncate set i_size and before it drops the pages, 1.4's
 * afs_linux_writepage returns -EIO for the page now past EOF with PG_locked still set,
 * and truncate_inode_pages waits on that page forever: a STALL on PG_locked (its owner
 * has moved on). 1.6 and the deferred designs unlock the page on that path.
 */
public abstract class WritepageVsTruncateTest extends ConcernTest {

    protected WritepageVsTruncateTest(String design, Expectation expected) {
        super(design, expected);
    }

    @Override
    protected KernelProfile kernel() {
        return KernelProfile.K2_6_32;
    }

    @Override
    protected AfsConfig sizes() {
        return AfsConfig.of(2, 16);
    }

    @Override
    protected List<VCache> setup(Client client) {
        VCache f = client.open(1);
        client.write(f, 0, bytes(2 * Page.PAGE_SIZE, 1));
        client.fsync(f);
        client.mmapStore(f, Page.PAGE_SIZE, bytes(100, 2));
        return List.of(f);
    }

    @Override
    protected void race(Client client, List<VCache> files, Actors actors) {
        VCache f = files.get(0);
        actors.spawn("pdflush", client::flusherPass);
        actors.spawn("truncate", () -> client.truncate(f, Page.PAGE_SIZE));
    }

    public static final class WriteThrough14 extends WritepageVsTruncateTest {
        public WriteThrough14() {
            super("write-through-1.4", Expectation.of(Verdict.STALL, "PG_locked"));
        }
    }

    public static final class PageWriteback16 extends WritepageVsTruncateTest {
        public PageWriteback16() {
            super("page-writeback-1.6", Expectation.CLEAN);
        }
    }

    @Tag("deep")
    public static final class NaiveDeferred extends WritepageVsTruncateTest {
        public NaiveDeferred() {
            super("naive-deferred", Expectation.CLEAN);
        }
    }

    public static final class SafeDeferred extends WritepageVsTruncateTest {
        public SafeDeferred() {
            super("safe-deferred", Expectation.CLEAN);
        }
    }
}
