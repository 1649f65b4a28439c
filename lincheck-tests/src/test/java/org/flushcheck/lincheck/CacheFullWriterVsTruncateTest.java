package org.flushcheck.lincheck;

import java.util.List;
import java.util.Set;
import org.flushcheck.afs.AfsConfig;
import org.flushcheck.afs.VCache;
import org.flushcheck.design.Client;
import org.flushcheck.detect.Verdict;
import org.flushcheck.vm.KernelProfile;
import org.flushcheck.vm.Page;

/**
 * B10, cache-drain waiters never woken (7d70e9819 + 1d9cc8fa6): a cache of two chunks
 * full of dirty chunks of one file; a writer of another file needs a chunk and sleeps in
 * afs_WaitForCacheDrain while a truncate frees the first file's chunks outside the
 * truncate daemon. Before the fix the daemon works only while CacheTooFull and wakes
 * nobody, so the writer sleeps forever: a STALL on the drain. The truncate daemon runs
 * (the concern is about it); the fix is off except under safe-deferred, which assumes it.
 */
public abstract class CacheFullWriterVsTruncateTest extends ConcernTest {

    private final boolean fix;

    protected CacheFullWriterVsTruncateTest(String design, Expectation expected) {
        super(design, expected);
        this.fix = design.equals("safe-deferred");
    }

    @Override
    protected KernelProfile kernel() {
        return KernelProfile.K2_6_32;
    }

    @Override
    protected AfsConfig sizes() {
        return AfsConfig.of(1, 2).withMaxDirtyChunks(2).withTruncateDaemonFix(fix);
    }

    @Override
    protected Set<Client.Daemon> daemons() {
        return Set.of(Client.Daemon.TRUNCATE_DAEMON);
    }

    @Override
    protected List<VCache> setup(Client client) {
        VCache a = client.open(1);
        client.write(a, 0, bytes(2 * Page.PAGE_SIZE, 1));
        client.flusherPass();
        return List.of(a, client.open(2));
    }

    @Override
    protected void race(Client client, List<VCache> files, Actors actors) {
        VCache a = files.get(0);
        VCache b = files.get(1);
        actors.spawn("writer", () -> {
            client.write(b, 0, bytes(Page.PAGE_SIZE, 2));
            client.fsync(b);
        });
        actors.spawn("truncate", () -> client.truncate(a, 0));
    }

    public static final class WriteThrough14 extends CacheFullWriterVsTruncateTest {
        public WriteThrough14() {
            super("write-through-1.4", Expectation.of(Verdict.STALL, "afs_WaitForCacheDrain"));
        }
    }

    public static final class PageWriteback16 extends CacheFullWriterVsTruncateTest {
        public PageWriteback16() {
            super("page-writeback-1.6", Expectation.of(Verdict.STALL, "afs_WaitForCacheDrain"));
        }
    }

    public static final class NaiveDeferred extends CacheFullWriterVsTruncateTest {
        public NaiveDeferred() {
            super("naive-deferred", Expectation.of(Verdict.STALL, "afs_WaitForCacheDrain"));
        }
    }

    public static final class SafeDeferred extends CacheFullWriterVsTruncateTest {
        public SafeDeferred() {
            super("safe-deferred", Expectation.CLEAN);
        }
    }
}
