package org.flushcheck.lincheck;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.flushcheck.afs.AfsConfig;
import org.flushcheck.afs.VCache;
import org.flushcheck.design.Client;
import org.flushcheck.design.LockDesign;
import org.flushcheck.detect.Verdict;
import org.flushcheck.sync.AtomicSteps;
import org.flushcheck.sync.Domain;
import org.flushcheck.sync.TaskHandle;
import org.flushcheck.vm.KernelProfile;
import org.flushcheck.vm.Vm;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One concern of the writeback path, model-checked under one design: a client (only the
 * daemons the concern needs), a setup, and the actors that race, each a task running
 * one-line delegations to the model; Lincheck explores their interleavings with the
 * detectors on (see package-info). A concern's subclasses are one line per design,
 * naming what that design is expected to reach: {@link Expectation#CLEAN} (nothing within
 * the bounds), or a verdict and the lock classes of its cycle; the test fails when
 * nothing is found, and when something else is (another verdict, other classes, a hang
 * the detectors did not name), so another bug is never taken for the known one. An
 * exploration Lincheck could not decide (its wall clock tripped) is a skipped test that
 * says why. Tagged {@code lincheck}: only {@code -Plincheck} (and {@code -Pdeep}) run it,
 * since Lincheck's verdicts are bounded by the host's clock. The default build runs the
 * same races on the explorer, on virtual time: each concern is a committed scenario
 * (b01, b02, b10, flushvcache-under-glock, c01), and {@code FindingsFreshTest}'s verify
 * judges every scenario under every design and kernel.
 */
@Tag("lincheck")
public abstract class ConcernTest {

    private final LockDesign design;
    private final Expectation expected;

    @TempDir
    Path root;

    protected ConcernTest(String design, Expectation expected) {
        this.design = LockDesign.named(design);
        this.expected = expected;
    }

    /** The kernel era the concern runs on. */
    protected abstract KernelProfile kernel();

    /** The VM's sizes: 4096 pages of memory (no pressure) unless the concern is about reclaim. */
    protected Vm.Config vmConfig() {
        return Vm.Config.defaults(kernel(), 4096);
    }

    /** The AFS sizes (and fixes) of the concern. */
    protected abstract AfsConfig sizes();

    /** The daemons the concern needs running; none unless the concern is about one. */
    protected Set<Client.Daemon> daemons() {
        return Set.of();
    }

    /**
     * Opens the concern's files on {@code client} and brings them to the state the race
     * starts from. It runs before any actor and any daemon, in a task of its own that
     * exits (the program's thread is never a task: the detectors would count it as one
     * that could still wake a sleeper), outside Lincheck's analysis (no interleaving to
     * explore, and half of a run's time when analysed).
     */
    protected abstract List<VCache> setup(Client client);

    /** Adds the racing actors on {@code files}, as {@link #setup} left them. */
    protected abstract void race(Client client, List<VCache> files, Actors actors);

    /**
     * The racing actors of one run, started together once {@link #race} returns (all
     * born in one step: the detectors never see an actor wait for one not yet born).
     */
    @FunctionalInterface
    protected interface Actors {
        /** Adds a task named {@code comm} running {@code body}. */
        void spawn(String comm, Runnable body);
    }

    @Test
    public void explore() {
        Bounds bounds = Bounds.fromProperties().forExpecting(expected.verdict() != Verdict.CLEAN);
        KernelProfile kernel = kernel();
        Vm.Config vm = vmConfig();
        AfsConfig sizes = sizes();
        Set<Client.Daemon> daemons = daemons();
        Exploration e = LincheckExplorer.explore(domain -> {
            Client client = new Client(domain, design, kernel, vm, sizes, cacheDir(root));
            List<List<VCache>> files = new ArrayList<>();
            List<TaskHandle> tasks = new ArrayList<>();
            tasks.add(domain.spawn("setup", () -> IgnoredSections.run(() -> files.add(setup(client)))));
            tasks.get(0).join();
            LincheckExplorer.ended(tasks);
            client.start(daemons);
            try {
                List<Domain.Spawn> actors = new ArrayList<>();
                race(client, files.get(0), (comm, body) -> actors.add(new Domain.Spawn(comm, body)));
                tasks.addAll(domain.spawnAll(actors));
                tasks.forEach(TaskHandle::join);
            } finally {
                List<TaskHandle> stopped = client.shutdown();
                stopped.forEach(TaskHandle::join);
                tasks.addAll(stopped);
                client.cm().cachefs().close();
            }
            LincheckExplorer.ended(tasks);
        }, bounds, () -> LincheckExplorer.detectors().order(design.lockOrder()).build());
        System.out.println("[lincheck] " + getClass().getName().replace(getClass().getPackageName() + ".", "")
                + " (" + design.name() + ", " + kernel + "): " + e.summary());
        assumeTrue(e.decided(), e::summary);
        String mismatch = expected.mismatch(e);
        if (mismatch != null) {
            fail(mismatch + "\n" + e.lincheck());
        }
    }

    /**
     * {@code n} bytes of {@code value}, filled as one bulk step: Lincheck would spend an
     * event on each byte, and take the fill loop for a spin.
     */
    protected static byte[] bytes(int n, int value) {
        byte[] b = new byte[n];
        AtomicSteps.bulk(() -> Arrays.fill(b, (byte) value));
        return b;
    }

    /** A cache directory of its own for one run, under the test's temporary directory. */
    private static Path cacheDir(Path root) {
        try {
            return AtomicSteps.hostIo(() -> Files.createTempDirectory(root, "cache-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
