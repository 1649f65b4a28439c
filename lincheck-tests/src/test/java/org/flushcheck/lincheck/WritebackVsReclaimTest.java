package org.flushcheck.lincheck;

import java.util.List;
import org.flushcheck.afs.AfsConfig;
import org.flushcheck.afs.VCache;
import org.flushcheck.design.Client;
import org.flushcheck.vm.KernelProfile;
import org.flushcheck.vm.Page;
import org.flushcheck.vm.Vm;
import org.junit.jupiter.api.Tag;

/**
 * Reclaim against writeback: a file of four dirty pages; a writer dirties one more and
 * enters direct reclaim (GFP_KERNEL, as an allocation under pressure does) while kswapd
 * runs a pass and pdflush writes the file back. Reclaim may call writepage on every era
 * (kswapd always; direct reclaim where the kernel lets it), so writepage runs under
 * fs_reclaim against the flusher's writepage of the same pages.
 */
public abstract class WritebackVsReclaimTest extends ConcernTest {

    protected WritebackVsReclaimTest(String design, Expectation expected) {
        super(design, expected);
    }

    @Override
    protected KernelProfile kernel() {
        return KernelProfile.K2_6_32;
    }

    /** 48 pages of memory, so that kswapd finds the zone over its limit. */
    @Override
    protected Vm.Config vmConfig() {
        return new Vm.Config(48, kernel().dirtyRatio(), kernel().backgroundRatio(), 8);
    }

    @Override
    protected AfsConfig sizes() {
        return AfsConfig.of(1, 8);
    }

    @Override
    protected List<VCache> setup(Client client) {
        VCache f = client.open(1);
        client.write(f, 0, bytes(4 * Page.PAGE_SIZE, 1));
        return List.of(f);
    }

    @Override
    protected void race(Client client, List<VCache> files, Actors actors) {
        VCache f = files.get(0);
        actors.spawn("writer", () -> {
            client.write(f, 4 * Page.PAGE_SIZE, bytes(1, 2));
            client.reclaim();
        });
        actors.spawn("kswapd0", client::kswapdPass);
        actors.spawn("pdflush", client::flusherPass);
    }

    @Tag("deep")
    public static final class WriteThrough14 extends WritebackVsReclaimTest {
        public WriteThrough14() {
            super("write-through-1.4", Expectation.CLEAN);
        }
    }

    @Tag("deep")
    public static final class PageWriteback16 extends WritebackVsReclaimTest {
        public PageWriteback16() {
            super("page-writeback-1.6", Expectation.CLEAN);
        }
    }

    @Tag("deep")
    public static final class NaiveDeferred extends WritebackVsReclaimTest {
        public NaiveDeferred() {
            super("naive-deferred", Expectation.CLEAN);
        }
    }

    public static final class SafeDeferred extends WritebackVsReclaimTest {
        public SafeDeferred() {
            super("safe-deferred", Expectation.CLEAN);
        }
    }
}
