package org.flushcheck.stress;

import java.util.Arrays;
import org.flushcheck.afs.AfsConfig;
import org.flushcheck.afs.VCache;
import org.flushcheck.design.Client;
import org.flushcheck.vm.KernelProfile;
import org.flushcheck.vm.Vm;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LL_Result;

/*
 * Writepage vs truncate (B2, 6f2ce4cdc; never fixed on 1.4).
 *
 * Story: a file of two pages, page 1 dirtied through mmap, is truncated to one page
 * while the flusher writes back. ftruncate -> afs_notify_change -> afs_setattr ->
 * afs_TruncateAllSegments -> osi_VM_Truncate is vmtruncate: i_size_write first, then
 * truncate_inode_pages. If the flusher's write_cache_pages -> afs_linux_writepage lands
 * on page 1 between the two, the page is past EOF: 1.4's writepage returns -EIO with
 * PG_locked still set, and truncate_inode_pages then waits on that page forever (a
 * STALL). 1.6 (5e99d56cf) unlocks it; the deferred designs use 1.6's writepage.
 * Kernel 2.6.32, chunks of 2 pages, a cache of 16 chunks (HazardTest.b2).
 *
 * Spec: either order leaves a file of one page holding the first page as written.
 *
 * How to run it alone:
 *   java -jar stress-tests/target/jcstress.jar -t WritepageVsTruncate
 *
 * Result on this machine (2 cores, mvn verify -Pstress: jcstress -m quick, one JVM config):
 *                           RESULT  SAMPLES     FREQ       EXPECT
 *   .WriteThrough14 [OK]
 *                        CLEAN, OK      452   97.20%   Acceptable
 *                         STALL, -       13    2.80%  Interesting
 *   .PageWriteback16 [OK]
 *                        CLEAN, OK      289  100.00%   Acceptable
 *   .NaiveDeferred [OK]
 *                        CLEAN, OK      263  100.00%   Acceptable
 *   .SafeDeferred [OK]
 *                        CLEAN, OK      353  100.00%   Acceptable
 */
public final class WritepageVsTruncate {

    private WritepageVsTruncate() {
    }

    /** The race on one design: actor "truncate" against actor "sync" (the flusher). */
    abstract static class Race extends StressRun {

        private static final byte[] DATA = bytes(2 * PAGE, 1);
        private static final byte[] WANT = Arrays.copyOf(DATA, PAGE);

        /** Written by the setup task; actors see it through the setup's join. */
        private VCache f;

        Race(String design) {
            super(design, KernelProfile.K2_6_32, Vm.Config.defaults(KernelProfile.K2_6_32, 4096),
                    AfsConfig.of(2, 16), 2);
        }

        @Override
        protected void setup(Client c) {
            f = c.open(1);
            c.write(f, 0, DATA);
            c.fsync(f);
            c.mmapStore(f, PAGE, bytes(100, 2));
        }

        final void truncateActor() {
            act("truncate", c -> c.truncate(f, PAGE));
        }

        final void flusherActor() {
            act("sync", Client::writeback);
        }

        @Override
        protected String check(Client c) {
            int err = c.fsync(f);
            if (err != 0) {
                return "FSYNC_" + err;
            }
            String read = grade("READ", WANT, c.read(f, 0, PAGE));
            return read.equals("OK") ? grade("STORED", WANT, c.stored(f)) : read;
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
        public void truncate() {
            truncateActor();
        }

        @Actor
        public void flusher() {
            flusherActor();
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
        public void truncate() {
            truncateActor();
        }

        @Actor
        public void flusher() {
            flusherActor();
        }

        @Arbiter
        public void verdict(LL_Result r) {
            judge(r);
        }
    }

    @JCStressTest
    @JCStressMeta(Outcomes.Prone.class)
    @State
    public static class NaiveDeferred extends Race {
        public NaiveDeferred() {
            super("naive-deferred");
        }

        @Actor
        public void truncate() {
            truncateActor();
        }

        @Actor
        public void flusher() {
            flusherActor();
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
        public void truncate() {
            truncateActor();
        }

        @Actor
        public void flusher() {
            flusherActor();
        }

        @Arbiter
        public void verdict(LL_Result r) {
            judge(r);
        }
    }
}
