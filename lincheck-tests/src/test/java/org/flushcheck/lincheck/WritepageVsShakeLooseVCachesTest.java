package org.flushcheck.lincheck;

import java.util.List;
import java.util.Set;
import org.flushcheck.afs.AfsConfig;
import org.flushcheck.afs.VCache;
import org.flushcheck.design.Client;
import org.flushcheck.detect.Verdict;
import org.flushcheck.vm.KernelProfile;
import org.flushcheck.vm.Page;
import org.junit.jupiter.api.Tag;

/**
 * afs_ShakeLooseVCaches against writeback: a cache of two chunks full of one file's dirty
 * chunks; a writer of a second file writes a page and a pdflush pass writes it back
 * while an AFS daemon shakes loose vcaches (osi_VM_FlushVCache under AFS_GLOCK and
 * afs_xvcache W) and then fsyncs the first file. Under naive-deferred the shaker waits on
 * PG_writeback of the writer's page (osi_VM_FlushVCache waits on pages) holding AFS_GLOCK,
 * while that page's writepage sleeps for a cache drain only the truncate daemon can bring,
 * and the daemon, whose afs_osi_Wait(100) poll ends while drain waiters exist, waits for
 * AFS_GLOCK: DEADLOCK [AFS_GLOCK, PG_writeback, afs_WaitForCacheDrain] (a STALL on the last
 * two while the daemon was modelled as sleeping until woken; jcstress sees a DEADLOCK or a
 * STALL by schedule). Every
 * other design never waits on a page there. The writer needs a chunk: the truncate daemon
 * runs to drain the cache.
 */
public abstract class WritepageVsShakeLooseVCachesTest extends ConcernTest {

    protected WritepageVsShakeLooseVCachesTest(String design, Expectation expected) {
        super(design, expected);
    }

    @Override
    protected KernelProfile kernel() {
        return KernelProfile.K2_6_32;
    }

    @Override
    protected AfsConfig sizes() {
        return AfsConfig.of(1, 2).withMaxDirtyChunks(2);
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
            client.flusherPass();
        });
        actors.spawn("afs_daemon", () -> {
            client.shakeLooseVCaches();
            client.fsync(a);
        });
    }

    @Tag("deep")
    public static final class WriteThrough14 extends WritepageVsShakeLooseVCachesTest {
        public WriteThrough14() {
            super("write-through-1.4", Expectation.CLEAN);
        }
    }

    @Tag("deep")
    public static final class PageWriteback16 extends WritepageVsShakeLooseVCachesTest {
        public PageWriteback16() {
            super("page-writeback-1.6", Expectation.CLEAN);
        }
    }

    public static final class NaiveDeferred extends WritepageVsShakeLooseVCachesTest {
        public NaiveDeferred() {
            super("naive-deferred", Expectation.of(Verdict.DEADLOCK, "AFS_GLOCK", "PG_writeback",
                    "afs_WaitForCacheDrain"));
        }
    }

    public static final class SafeDeferred extends WritepageVsShakeLooseVCachesTest {
        public SafeDeferred() {
            super("safe-deferred", Expectation.CLEAN);
        }
    }
}
