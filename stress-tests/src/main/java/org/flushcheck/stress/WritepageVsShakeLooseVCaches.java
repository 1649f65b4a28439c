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
 * writepage vs afs_ShakeLooseVCaches (FlushVCache under AFS_GLOCK: openafs-model.md §0.4,
 * 73bfe9480; HazardTest.flushVCache).
 *
 * Story: file A's two dirty chunks fill a cache of two chunks. A writer dirties one page
 * of file B and asks the flusher for a pass: write_cache_pages -> afs_linux_writepage,
 * which under naive-deferred (1.6's writepage under avc->lock + tdc->lock) sleeps for the
 * cache drain holding PG_writeback. Meanwhile the vcache daemon runs
 * afs_ShakeLooseVCaches -> afs_FlushVCache -> osi_VM_FlushVCache, which calls
 * truncate_inode_pages with AFS_GLOCK and afs_xvcache held, so waits on B's writeback
 * holding the lock the truncate daemon (and the fsync of A that would drain the cache)
 * needs: DEADLOCK, or a STALL once nobody is left to wake the sleeper. After its shake
 * the daemon actor stores A (an fsync, HazardTest's "store after"), which is what lets
 * the drain happen; jcstress runs no more actors than cores, so it is not a third actor.
 * The write-through designs sleep for the drain in write() instead. safe-deferred's
 * writepage never sleeps for the drain, and FlushVCache skips a vcache with pages under
 * writeback.
 * Kernel 2.6.32, chunks of 1 page, 2 chunks, at most 2 dirty.
 *
 * Spec: every order leaves A and B on the fileserver as written.
 *
 * How to run it alone:
 *   java -jar stress-tests/target/jcstress.jar -t WritepageVsShakeLooseVCaches
 *
 * Result on this machine (2 cores, mvn verify -Pstress: jcstress -m quick, one JVM config):
 *                           RESULT  SAMPLES     FREQ       EXPECT
 *   .WriteThrough14 [OK]
 *                        CLEAN, OK      225  100.00%   Acceptable
 *   .PageWriteback16 [OK]
 *                        CLEAN, OK      410  100.00%   Acceptable
 *   .NaiveDeferred [OK]
 *                        CLEAN, OK      329   56.53%   Acceptable
 *                CLEAN, READ_BYTES       51    8.76%  Interesting
 *                      DEADLOCK, -       81   13.92%  Interesting
 *                         STALL, -      121   20.79%  Interesting
 *   .SafeDeferred [OK]
 *                        CLEAN, OK      270  100.00%   Acceptable
 */
public final class WritepageVsShakeLooseVCaches {

    private WritepageVsShakeLooseVCaches() {
    }

    /** The race on one design: "writer" (B, a flusher pass), "afs_daemon" (shake, store A). */
    abstract static class Race extends StressRun {

        private static final byte[] A = bytes(2 * PAGE, 1);
        private static final byte[] B = bytes(PAGE, 2);

        /** Written by the setup task; actors see them through the setup's join. */
        private VCache a;
        private VCache b;

        Race(String design) {
            super(design, KernelProfile.K2_6_32, Vm.Config.defaults(KernelProfile.K2_6_32, 4096),
                    AfsConfig.of(1, 2).withMaxDirtyChunks(2), 2);
        }

        @Override
        protected void setup(Client c) {
            a = c.open(1);
            c.write(a, 0, A);
            c.writeback();             // the cache is full of dirty chunks
            b = c.open(2);
        }

        final void writerActor() {
            act("writer", c -> {
                c.write(b, 0, B);
                c.writeback();
            });
        }

        final void shakeActor() {
            act("afs_daemon", c -> {
                c.shakeLooseVCaches();
                c.fsync(a);
            });
        }

        @Override
        protected String check(Client c) {
            int err = c.fsync(a);
            err = err != 0 ? err : c.fsync(b);
            if (err != 0) {
                return "FSYNC_" + err;
            }
            String sa = grade("STORED_A", A, c.stored(a));
            String read = sa.equals("OK") ? grade("READ", B, c.read(b, 0, PAGE)) : sa;
            return read.equals("OK") ? grade("STORED", B, c.stored(b)) : read;
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
        public void writer() {
            writerActor();
        }

        @Actor
        public void shake() {
            shakeActor();
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
        public void writer() {
            writerActor();
        }

        @Actor
        public void shake() {
            shakeActor();
        }

        @Arbiter
        public void verdict(LL_Result r) {
            judge(r);
        }
    }

    /**
     * Under naive-deferred B's write only dirtied a page, so B's vcache looks idle to
     * afs_ShakeLooseVCaches: when the shake comes before the flusher's pass,
     * osi_VM_FlushVCache's truncate_inode_pages drops the dirty page and B's bytes are
     * gone (the later read sees zeros, the fileserver nothing).
     */
    @JCStressTest
    @JCStressMeta(Outcomes.Prone.class)
    @Outcome(id = "CLEAN, (READ|STORED)_.*", expect = ACCEPTABLE_INTERESTING,
             desc = "Lost: FlushVCache dropped B's dirty page before writeback.")
    @State
    public static class NaiveDeferred extends Race {
        public NaiveDeferred() {
            super("naive-deferred");
        }

        @Actor
        public void writer() {
            writerActor();
        }

        @Actor
        public void shake() {
            shakeActor();
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
        public void writer() {
            writerActor();
        }

        @Actor
        public void shake() {
            shakeActor();
        }

        @Arbiter
        public void verdict(LL_Result r) {
            judge(r);
        }
    }
}
