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
 * write vs writepage (H1, stacked-bdi throttling; HazardTest.h1).
 *
 * Story: on 2.6.18 with the cache on tmpfs, mmap stores (never throttled there) have left
 * 40 of 64 pages dirty, well over the global limit. A writer then write()s one page while
 * the flusher (pdflush) runs write_cache_pages -> afs_linux_writepage over the same file.
 * generic_perform_write -> balance_dirty_pages makes the writer write back in its own
 * context: naive-deferred's writepage (or 1.4's own write-through, afs_write ->
 * afs_DoPartialWrite) writes the chunk file, whose ->write throttles in
 * balance_dirty_pages with avc->lock W and tdc->lock W held, on the same global count
 * only AFS writeback can lower; the cache bdi (tmpfs) has nothing to write: a STALL.
 * The flusher racing it may drain the count first, or join the stall.
 * Kernel 2.6.18, 64 pages of memory, write_chunk 16, chunks of 4 pages, 32 chunks.
 *
 * Spec: either order leaves 48 pages: 40 stored through mmap, zeros, the written page.
 *
 * How to run it alone:
 *   java -jar stress-tests/target/jcstress.jar -t WriteVsWritepage
 *
 * Result on this machine (2 cores, mvn verify -Pstress: jcstress -m quick, one JVM config):
 *                           RESULT  SAMPLES     FREQ       EXPECT
 *   .WriteThrough14 [OK]
 *                        CLEAN, OK       15   18.07%   Acceptable
 *                         STALL, -       68   81.93%  Interesting
 *   .PageWriteback16 [OK]
 *                        CLEAN, OK        4    7.14%   Acceptable
 *                         STALL, -       52   92.86%  Interesting
 *   .NaiveDeferred [OK]
 *                        CLEAN, OK        2    3.51%   Acceptable
 *                         STALL, -       55   96.49%  Interesting
 *   .SafeDeferred [OK]
 *                        CLEAN, OK       37  100.00%   Acceptable
 */
public final class WriteVsWritepage {

    private WriteVsWritepage() {
    }

    /** The race on one design: actor "writer" against actor "sync" (a pdflush pass). */
    abstract static class Race extends StressRun {

        private static final KernelProfile KERNEL = KernelProfile.K2_6_18;
        private static final byte[] MAPPED = bytes(40 * PAGE, 1);
        private static final byte[] WRITTEN = bytes(PAGE, 2);
        private static final byte[] WANT = want();

        /** Written by the setup task; actors see it through the setup's join. */
        private VCache f;

        Race(String design) {
            // 64 pages, write_chunk 16: HazardTest.h1's scaling of the kernel's sizes
            super(design, KERNEL,
                    new Vm.Config(64, KERNEL.dirtyRatio(), KERNEL.backgroundRatio(), 16),
                    AfsConfig.of(4, 32).withCacheOnTmpfs(true), 2);
        }

        @Override
        protected void setup(Client c) {
            f = c.open(1);
            c.truncate(f, 48 * PAGE);
            c.mmapStore(f, 0, MAPPED);
        }

        final void writerActor() {
            act("writer", c -> c.write(f, 47 * PAGE, WRITTEN));
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
            String read = grade("READ", WANT, c.read(f, 0, WANT.length));
            return read.equals("OK") ? grade("STORED", WANT, c.stored(f)) : read;
        }

        private static byte[] want() {
            byte[] w = Arrays.copyOf(MAPPED, 48 * PAGE);
            System.arraycopy(WRITTEN, 0, w, 47 * PAGE, PAGE);
            return w;
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
        public void writer() {
            writerActor();
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
        public void writer() {
            writerActor();
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
        public void writer() {
            writerActor();
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
