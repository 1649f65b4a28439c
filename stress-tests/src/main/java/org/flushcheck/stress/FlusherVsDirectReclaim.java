package org.flushcheck.stress;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;

import org.flushcheck.afs.AfsConfig;
import org.flushcheck.afs.VCache;
import org.flushcheck.design.Client;
import org.flushcheck.vm.KernelProfile;
import org.flushcheck.vm.Vm;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LL_Result;

/*
 * flusher vs direct reclaim.
 *
 * Story: a small machine (48 pages) with four dirty AFS pages in one-page chunks. The
 * flusher runs write_cache_pages -> afs_linux_writepage while an allocating task enters
 * direct reclaim (GFP_KERNEL: __GFP_FS, so it "takes" fs_reclaim): shrink_page_list
 * trylocks the same pages and, on 2.6.32 (direct-reclaim writeback), calls
 * ->writepage itself (pageout). Whatever writepage takes under reclaim (AFS_GLOCK,
 * avc->lock, tdc->lock, the chunk file's i_mutex and pages, a cache-drain sleep) lockdep
 * sees under fs_reclaim; both writers race on PG_locked/PG_writeback of the same pages.
 * safe-deferred redirties under reclaim (AOP_WRITEPAGE_ACTIVATE) instead.
 * Kernel 2.6.32, 48 pages, chunks of 1 page, a cache of 8 chunks (ConcurrencyTest's sizes).
 *
 * Spec: after a later fsync the fileserver holds the four pages as written.
 *
 * How to run it alone:
 *   java -jar stress-tests/target/jcstress.jar -t FlusherVsDirectReclaim
 *
 * Result on this machine (2 cores, mvn verify -Pstress: jcstress -m quick, one JVM config):
 *                           RESULT  SAMPLES     FREQ       EXPECT
 *   .WriteThrough14 [OK]
 *                        CLEAN, OK      519  100.00%   Acceptable
 *   .PageWriteback16 [OK]
 *                        CLEAN, OK      380  100.00%   Acceptable
 *   .NaiveDeferred [OK]
 *                        CLEAN, OK      105   28.38%   Acceptable
 *              CLEAN, STORED_BYTES        3    0.81%  Interesting
 *             CLEAN, STORED_LENGTH      262   70.81%  Interesting
 *   .SafeDeferred [OK]
 *                        CLEAN, OK      330  100.00%   Acceptable
 */
public final class FlusherVsDirectReclaim {

    private FlusherVsDirectReclaim() {
    }

    /** The race on one design: actor "sync" (the flusher) against actor "reclaim". */
    abstract static class Race extends StressRun {

        private static final byte[] DATA = bytes(4 * PAGE, 1);

        /** Written by the setup task; actors see it through the setup's join. */
        private VCache f;

        Race(String design) {
            super(design, KernelProfile.K2_6_32, new Vm.Config(48,
                    KernelProfile.K2_6_32.dirtyRatio(), KernelProfile.K2_6_32.backgroundRatio(), 8),
                    AfsConfig.of(1, 8), 2);
        }

        @Override
        protected void setup(Client c) {
            f = c.open(1);
            c.write(f, 0, DATA);
        }

        final void flusherActor() {
            act("sync", Client::writeback);
        }

        final void reclaimActor() {
            act("reclaim", Client::reclaim);
        }

        @Override
        protected String check(Client c) {
            int err = c.fsync(f);
            if (err != 0) {
                return "FSYNC_" + err;
            }
            String read = grade("READ", DATA, c.read(f, 0, DATA.length));
            return read.equals("OK") ? grade("STORED", DATA, c.stored(f)) : read;
        }
    }

    @JCStressTest
    @JCStressMeta(Outcomes.Prone.class)
    @State
    public static class WriteThrough14 extends Race {
        public WriteThrough14() {
            super("write-through-1.4");
        }

        @Actor
        public void flusher() {
            flusherActor();
        }

        @Actor
        public void reclaim() {
            reclaimActor();
        }

        @Arbiter
        public void verdict(LL_Result r) {
            judge(r);
        }
    }

    @JCStressTest
    @JCStressMeta(Outcomes.Prone.class)
    @State
    public static class PageWriteback16 extends Race {
        public PageWriteback16() {
            super("page-writeback-1.6");
        }

        @Actor
        public void flusher() {
            flusherActor();
        }

        @Actor
        public void reclaim() {
            reclaimActor();
        }

        @Arbiter
        public void verdict(LL_Result r) {
            judge(r);
        }
    }

    /**
     * naive-deferred keeps 1.6's writepage, whose answer to reclaim is C's
     * {@code if (PageReclaim(pp)) return AOP_WRITEPAGE_ACTIVATE;} under the comment "XXX - Do
     * we need to redirty the page here?": pageout has already cleared PG_dirty, and under a
     * deferred write nothing else holds the bytes, so the page stays readable but the
     * next fsync stores nothing. The model reaches it with or without the flusher.
     */
    @JCStressTest
    @JCStressMeta(Outcomes.Prone.class)
    @Outcome(id = "CLEAN, STORED_.*", expect = ACCEPTABLE_INTERESTING,
             desc = "Lost: writepage's ACTIVATE under reclaim left the page clean; nothing stored.")
    @State
    public static class NaiveDeferred extends Race {
        public NaiveDeferred() {
            super("naive-deferred");
        }

        @Actor
        public void flusher() {
            flusherActor();
        }

        @Actor
        public void reclaim() {
            reclaimActor();
        }

        @Arbiter
        public void verdict(LL_Result r) {
            judge(r);
        }
    }

    @JCStressTest
    @JCStressMeta(Outcomes.Safe.class)
    @State
    public static class SafeDeferred extends Race {
        public SafeDeferred() {
            super("safe-deferred");
        }

        @Actor
        public void flusher() {
            flusherActor();
        }

        @Actor
        public void reclaim() {
            reclaimActor();
        }

        @Arbiter
        public void verdict(LL_Result r) {
            judge(r);
        }
    }
}
