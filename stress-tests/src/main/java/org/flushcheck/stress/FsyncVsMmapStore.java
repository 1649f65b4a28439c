package org.flushcheck.stress;

import org.flushcheck.afs.AfsConfig;
import org.flushcheck.afs.VCache;
import org.flushcheck.design.Client;
import org.flushcheck.design.LockDesign;
import org.flushcheck.vm.KernelProfile;
import org.flushcheck.vm.Vm;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LL_Result;

/*
 * fsync vs mmap store (B1's setup: RT 120491, 4a587356a; HazardTest.b1).
 *
 * Story: a file of two one-page chunks, stored, with afs_cacheMaxDirtyChunks at 1. One
 * task stores into both pages through mmap (do_wp_page -> set_page_dirty) while another
 * fsync()s: vfs_fsync -> afs_linux_fsync -> afs_fsync -> afs_StoreAllSegments ->
 * osi_VM_StoreAllSegments -> filemap_fdatawrite -> afs_linux_writepage, which on 1.4
 * goes afs_DoPartialWrite -> afs_StoreAllSegments again and, without CPageWrite, locks
 * its own page (B1). Here 1.4 runs without CPageWrite (before 4a587356a), so it can
 * show B1; 1.6 guards the recursion with PG_writeback and pagewriters, the deferred
 * designs with 1.6's writepage or their own; the race checks they keep the bytes too.
 * Kernel 2.6.32, chunks of 1 page, 16 chunks, at most 1 dirty chunk.
 *
 * Spec: after a later fsync the fileserver holds the mmap stores, whichever came first.
 *
 * How to run it alone:
 *   java -jar stress-tests/target/jcstress.jar -t FsyncVsMmapStore
 *
 * Result on this machine (2 cores, mvn verify -Pstress: jcstress -m quick, one JVM config):
 *                           RESULT  SAMPLES     FREQ       EXPECT
 *   .WriteThrough14 [OK]
 *                        CLEAN, OK       30    7.14%   Acceptable
 *                      DEADLOCK, -      390   92.86%  Interesting
 *   .PageWriteback16 [OK]
 *                        CLEAN, OK      339  100.00%   Acceptable
 *   .NaiveDeferred [OK]
 *                        CLEAN, OK      215  100.00%   Acceptable
 *   .SafeDeferred [OK]
 *                        CLEAN, OK      752  100.00%   Acceptable
 */
public final class FsyncVsMmapStore {

    private FsyncVsMmapStore() {
    }

    /** The race on one design: actor "mmap" against actor "fsync". */
    abstract static class Race extends StressRun {

        private static final byte[] MAPPED = bytes(2 * PAGE, 2);

        /** Written by the setup task; actors see it through the setup's join. */
        private VCache f;

        Race(String design) {
            this(designNamed(design));
        }

        Race(LockDesign design) {
            super(design, KernelProfile.K2_6_32, Vm.Config.defaults(KernelProfile.K2_6_32, 4096),
                    AfsConfig.of(1, 16).withMaxDirtyChunks(1), 2);
        }

        @Override
        protected void setup(Client c) {
            f = c.open(1);
            c.write(f, 0, bytes(2 * PAGE, 1));
            c.fsync(f);
        }

        final void mmapActor() {
            act("mmap", c -> c.mmapStore(f, 0, MAPPED));
        }

        final void fsyncActor() {
            act("fsync", c -> c.fsync(f));
        }

        @Override
        protected String check(Client c) {
            int err = c.fsync(f);
            if (err != 0) {
                return "FSYNC_" + err;
            }
            String read = grade("READ", MAPPED, c.read(f, 0, MAPPED.length));
            return read.equals("OK") ? grade("STORED", MAPPED, c.stored(f)) : read;
        }
    }

    /** 1.4 as before 4a587356a: without CPageWrite, the recursion B1 is about. */
    @JCStressTest
    @JCStressMeta(Outcomes.Prone.class)
    @State
    public static class WriteThrough14 extends Race {
        public WriteThrough14() {
            super(new org.flushcheck.design.WriteThrough14(false));
        }

        @Actor
        public void mmap() {
            mmapActor();
        }

        @Actor
        public void fsync() {
            fsyncActor();
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
        public void mmap() {
            mmapActor();
        }

        @Actor
        public void fsync() {
            fsyncActor();
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
        public void mmap() {
            mmapActor();
        }

        @Actor
        public void fsync() {
            fsyncActor();
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
        public void mmap() {
            mmapActor();
        }

        @Actor
        public void fsync() {
            fsyncActor();
        }

        @Arbiter
        public void verdict(LL_Result r) {
            judge(r);
        }
    }
}
