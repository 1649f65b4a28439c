package org.flushcheck.lincheck;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import org.flushcheck.afs.AfsConfig;
import org.flushcheck.afs.VCache;
import org.flushcheck.design.Client;
import org.flushcheck.design.LockDesign;
import org.flushcheck.scenario.SequentialFile;
import org.flushcheck.sync.AtomicSteps;
import org.flushcheck.sync.Domain;
import org.flushcheck.vm.KernelProfile;
import org.flushcheck.vm.Vm;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * One AFS file behaves like a plain byte array: write, read and truncate, run by two
 * threads around a page boundary, are linearizable against {@link SequentialFile}, under
 * each design, with the detectors on (a deadlock would be a hang Lincheck reports). The
 * client runs no daemon (no flusher, kswapd or AFS daemons): these operations need none,
 * and idle daemons are what Lincheck cannot drive yet (package-info). Bounds: one
 * generated scenario (1 + 2x2 + 1 operations) per 30 invocations of
 * {@code flushcheck.lincheck.invocations} (default 30: one scenario, 30 interleavings).
 * Tagged {@code lincheck} ({@code -Plincheck}); a run Lincheck's wall clock stopped is
 * skipped, never judged.
 */
@Param(name = "at", gen = IntGen.class, conf = "4094:4097")
@Param(name = "len", gen = IntGen.class, conf = "1:3")
@Param(name = "size", gen = IntGen.class, conf = "4095:4097")
@Tag("lincheck")
public abstract class FileLinearizabilityTest {

    /**
     * Lincheck's wall-clock limit per invocation, raised from its 30 s through the options
     * API's internal {@code invocationTimeout} (package-info): an invocation takes well
     * under a second on a quiet machine, so only a host slowed beyond use reaches it, and
     * then the test is skipped.
     */
    private static final long INVOCATION_WALL_CLOCK_MS = 300_000;

    private final Client client;
    private final VCache file;

    protected FileLinearizabilityTest(String design) {
        Domain domain = new Domain(LincheckExplorer.detectors()
                .order(LockDesign.named(design).lockOrder()).build());
        client = new Client(domain, LockDesign.named(design), KernelProfile.K2_6_32,
                Vm.Config.defaults(KernelProfile.K2_6_32, 4096), AfsConfig.of(1, 16), cacheDir());
        client.start(EnumSet.noneOf(Client.Daemon.class));
        file = client.open(1);
    }

    @Operation
    public void write(@Param(name = "at") int at, @Param(name = "len") int len) {
        client.write(file, at, data(at, len));
    }

    @Operation
    public String read(@Param(name = "at") int at, @Param(name = "len") int len) {
        return Arrays.toString(client.read(file, at, len));
    }

    @Operation
    public void truncate(@Param(name = "size") int size) {
        client.truncate(file, size);
    }

    /**
     * Durability, after every interleaving: once fsync returns 0 the fileserver holds
     * exactly what the (linearizable) file reads back.
     */
    @Validate
    public void durableAfterFsync() {
        int rc = client.fsync(file);
        byte[] want = client.read(file, 0, (int) file.inode().size());
        byte[] got = client.stored(file);
        if (rc == 0 && !Arrays.equals(want, got)) {
            throw new IllegalStateException("DATA_LOSS: after fsync returned 0 the fileserver holds "
                    + got.length + " bytes, the file reads " + want.length + "; first difference at byte "
                    + Arrays.mismatch(want, got));
        }
    }

    @Test
    public void linearizable() {
        Bounds b = Bounds.fromProperties();
        int scenarios = Math.max(1, b.invocations() / 30);
        long t0 = System.nanoTime();
        try {
            AtomicSteps.markedDuring(new IgnoredSections(), () -> new ModelCheckingOptions()
                    .threads(2).actorsPerThread(2).actorsBefore(1).actorsAfter(1)
                    .iterations(scenarios).invocationsPerIteration(b.invocations())
                    .sequentialSpecification(Spec.class)
                    .invocationTimeout$lincheck(INVOCATION_WALL_CLOCK_MS)
                    .check(getClass()));
        } catch (LincheckAssertionError e) {
            assumeFalse(LincheckExplorer.timedOut(e), "Lincheck's invocation time limit ("
                    + INVOCATION_WALL_CLOCK_MS / 1000 + " s of wall clock) tripped: no verdict");
            throw e;
        }
        System.out.println("[lincheck] " + getClass().getSimpleName() + ": linearizable within " + scenarios
                + " scenario(s) x " + b.invocations() + " invocations; 2 threads x 2 operations, 1 before,"
                + " 1 after; " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }

    /** The bytes a write of {@code len} at {@code at} puts there: they name the write. */
    static byte[] data(int at, int len) {
        byte[] d = new byte[len];
        Arrays.fill(d, (byte) (at * 7 + len));
        return d;
    }

    private static Path cacheDir() {
        try {
            return AtomicSteps.hostIo(() -> Files.createTempDirectory("flushcheck-lin-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sequential specification: a plain byte array. */
    public static final class Spec {
        private final SequentialFile f = new SequentialFile();

        public void write(int at, int len) {
            f.write(at, data(at, len));
        }

        public String read(int at, int len) {
            byte[] c = f.contents();
            int n = Math.max(0, Math.min(len, c.length - at));
            return Arrays.toString(Arrays.copyOfRange(c, Math.min(at, c.length), Math.min(at, c.length) + n));
        }

        public void truncate(int size) {
            f.truncate(size);
        }
    }

    public static final class SafeDeferred extends FileLinearizabilityTest {
        public SafeDeferred() {
            super("safe-deferred");
        }
    }

    public static final class WriteThrough14 extends FileLinearizabilityTest {
        public WriteThrough14() {
            super("write-through-1.4");
        }
    }

    public static final class PageWriteback16 extends FileLinearizabilityTest {
        public PageWriteback16() {
            super("page-writeback-1.6");
        }
    }

    public static final class NaiveDeferred extends FileLinearizabilityTest {
        public NaiveDeferred() {
            super("naive-deferred");
        }
    }
}
