package org.flushcheck.stress;

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
 * cache-full writer vs the truncate daemon (B10: 7d70e9819, 1d9cc8fa6; HazardTest.b10).
 *
 * Story: file A's two dirty chunks fill a cache of two chunks. A writer of file B needs
 * a chunk: afs_write -> afs_GetDCache -> afs_MaybeWakeupTruncateDaemon and
 * afs_osi_Sleep(&afs_WaitForCacheDrain) until afs_CacheTruncateDaemon frees space. At
 * the same time another task truncates A to 0 (afs_setattr -> afs_TruncateAllSegments),
 * freeing the space outside the daemon. Before the fix the daemon works only while
 * afs_CacheTooFull and never wakes drain waiters: a writer that slept before the truncate
 * is never woken, a STALL; one that came after finds room. The three legacy designs run
 * the AFS code as it was before the fix (the hazard they are known for); safe-deferred
 * runs it with the fix, as every release since does.
 * Kernel 2.6.32, chunks of 1 page, 2 chunks, at most 2 dirty.
 *
 * Spec: either order leaves A empty and B holding its page.
 *
 * How to run it alone:
 *   java -jar stress-tests/target/jcstress.jar -t CacheFullWriterVsTruncate
 *
 * Result on this machine (2 cores, mvn verify -Pstress: jcstress -m quick, one JVM config):
 *                           RESULT  SAMPLES     FREQ       EXPECT
 *   .WriteThrough14 [OK]
 *                        CLEAN, OK        8    9.41%   Acceptable
 *                         STALL, -       77   90.59%  Interesting
 *   .PageWriteback16 [OK]
 *                        CLEAN, OK       72   21.49%   Acceptable
 *                         STALL, -      263   78.51%  Interesting
 *   .NaiveDeferred [OK]
 *                        CLEAN, OK       68   37.99%   Acceptable
 *                         STALL, -      111   62.01%  Interesting
 *   .SafeDeferred [OK]
 *                        CLEAN, OK       84  100.00%   Acceptable
 */
public final class CacheFullWriterVsTruncate {

    private CacheFullWriterVsTruncate() {
    }

    /** The race on one design: actor "writer" (of B) against actor "truncate" (of A). */
    abstract static class Race extends StressRun {

        private static final byte[] B = bytes(PAGE, 2);

        /** Written by the setup task; actors see them through the setup's join. */
        private VCache a;
        private VCache b;

        Race(String design) {
            super(design, KernelProfile.K2_6_32, Vm.Config.defaults(KernelProfile.K2_6_32, 4096),
                    AfsConfig.of(1, 2).withMaxDirtyChunks(2)
                            .withTruncateDaemonFix(design.equals("safe-deferred")), 2);
        }

        @Override
        protected void setup(Client c) {
            a = c.open(1);
            c.write(a, 0, bytes(2 * PAGE, 1));
            c.writeback();             // the cache is full of dirty chunks
            b = c.open(2);
        }

        final void writerActor() {
            act("writer", c -> {
                c.write(b, 0, B);
                c.fsync(b);
            });
        }

        final void truncateActor() {
            act("truncate", c -> c.truncate(a, 0));
        }

        @Override
        protected String check(Client c) {
            int err = c.fsync(a);
            err = err != 0 ? err : c.fsync(b);
            if (err != 0) {
                return "FSYNC_" + err;
            }
            String a0 = grade("STORED_A", new byte[0], c.stored(a));
            String read = a0.equals("OK") ? grade("READ", B, c.read(b, 0, PAGE)) : a0;
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
        public void truncate() {
            truncateActor();
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
        public void truncate() {
            truncateActor();
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
        public void truncate() {
            truncateActor();
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
        public void truncate() {
            truncateActor();
        }

        @Arbiter
        public void verdict(LL_Result r) {
            judge(r);
        }
    }
}
