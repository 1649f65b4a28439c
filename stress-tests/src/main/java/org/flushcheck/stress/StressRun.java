package org.flushcheck.stress;

import com.google.errorprone.annotations.concurrent.GuardedBy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flushcheck.afs.AfsConfig;
import org.flushcheck.design.Client;
import org.flushcheck.design.LockDesign;
import org.flushcheck.detect.Detectors;
import org.flushcheck.detect.Verdict;
import org.flushcheck.sync.Domain;
import org.flushcheck.sync.ModelException;
import org.flushcheck.sync.TaskHandle;
import org.flushcheck.vm.KernelProfile;
import org.flushcheck.vm.Page;
import org.flushcheck.vm.Vm;
import org.openjdk.jcstress.infra.results.LL_Result;

/**
 * One model run as a jcstress state: a fresh domain with every detector on (the design's
 * declared order included), and a client built on first use, so that the thousands of
 * states jcstress allocates per stride cost a domain each, not a client with its threads.
 *
 * Protocol (each actor calls {@link #act}; the arbiter calls {@link #judge}):
 *   1. The first actor to arrive builds the client, starts its daemons and runs the
 *      race's setup as task {@code setup} (bounded join).
 *   2. Each actor registers as a task under its own name, then waits (bounded spin) until
 *      every actor has registered: a wait that only a not-yet-registered actor could end
 *      would otherwise look like a STALL to the wait-for graph. The spin also lines the
 *      actors up, which is what makes them collide.
 *   3. The actor runs its operation. A hang the detectors find reaches it as a
 *      DeadlockException: it has released everything and only unwinds. It then exits
 *      the domain (its locks are checked, and the graph re-checked).
 *   4. The last actor out runs the race's check as task {@code check} (what a later
 *      read sees, graded against the sequential spec; skipped once a hang was found),
 *      shuts the client down, joins every daemon (bounded) and deletes the cache
 *      directory: no thread of this state outlives its actors. (Not the arbiter: jcstress
 *      runs a stride's arbiters after its actors have walked the whole stride, which
 *      would keep a stride's worth of clients and their daemons alive.)
 *   5. The arbiter reports the detectors' verdict and the check's grade.
 *
 * Locks: the state's monitor guards {@code client} and {@code dir}: the first actor
 *   builds and sets up the client under it, so a second actor arriving meanwhile waits
 *   there and both leave it together. No model lock is ever held across it.
 * Waits: all bounded by {@link #BOUND} and failing "timed out": the setup's join, the
 *   alignment (a yielding spin), the check's and every daemon's join.
 * Invariants: one client per state; every task of the domain has ended when
 *   {@code finished} is set, and the cache directory is gone.
 */
public abstract class StressRun {

    /** Bound on every wait of the harness (setup, alignment, check, joins). */
    static final Duration BOUND = Duration.ofSeconds(30);
    /** The watchdog's bound: only a hang the graphs cannot explain takes this long. */
    static final Duration HUNG_TASK = Duration.ofSeconds(20);
    static final int PAGE = Page.PAGE_SIZE;

    private static final Map<String, LockDesign> DESIGNS = LockDesign.all().stream()
            .collect(Collectors.toUnmodifiableMap(LockDesign::name, Function.identity()));
    private static final Path CACHES = cacheRoot();

    private final LockDesign design;
    private final KernelProfile kernel;
    private final Vm.Config vmConfig;
    private final AfsConfig afsConfig;
    private final int actors;
    private final Detectors detectors;
    private final Domain domain;
    private final AtomicInteger arrived = new AtomicInteger();
    private final AtomicInteger left = new AtomicInteger();
    @GuardedBy("this")
    private Client client;
    @GuardedBy("this")
    private Path dir;
    private volatile String problem;
    private volatile String data = "-";
    private volatile boolean finished;

    protected StressRun(String design, KernelProfile kernel, Vm.Config vm, AfsConfig afs,
            int actors) {
        this(designNamed(design), kernel, vm, afs, actors);
    }

    /** A run of a design instance (a registered design with one of its fixes off). */
    protected StressRun(LockDesign design, KernelProfile kernel, Vm.Config vm, AfsConfig afs,
            int actors) {
        this.design = design;
        this.kernel = kernel;
        this.vmConfig = vm;
        this.afsConfig = afs;
        this.actors = actors;
        this.detectors = Detectors.builder().order(this.design.lockOrder()).hungTask(HUNG_TASK)
                .build();
        this.domain = new Domain(detectors);
    }

    /** The registered design {@code name}, looked up once per JVM (ServiceLoader is slow). */
    static LockDesign designNamed(String name) {
        LockDesign d = DESIGNS.get(name);
        return d != null ? d : LockDesign.named(name); // throws, naming the known designs
    }

    /** The race's setup, run as task {@code setup} before any actor starts its operation. */
    protected abstract void setup(Client c);

    /** What a later read sees, graded: {@code OK} or what differs from the sequential spec. */
    protected abstract String check(Client c);

    /** Runs {@code op} as actor task {@code comm}; see the protocol in the class comment. */
    protected final void act(String comm, Consumer<Client> op) {
        Client c = null;
        try {
            c = started();
        } catch (RuntimeException e) {
            problem("SETUP_ERROR", e);
        }
        if (c != null) {
            domain.enter(comm);
        }
        arrived.incrementAndGet();
        try {
            if (c != null) {
                awaitAll(comm);
                op.accept(c);
            }
        } catch (ModelException e) {
            // a hang the detectors found (or a strict rule broken): the verdict says which
        } finally {
            try {
                if (c != null) {
                    domain.exit();
                }
            } catch (ModelException e) {
                // exited with locks held: a BUG finding
            } finally {
                if (left.incrementAndGet() == actors) {
                    finish();
                }
            }
        }
    }

    /** The arbiter: the detectors' verdict (or the harness's problem) and the data grade. */
    protected final void judge(LL_Result r) {
        if (!finished) {
            r.r1 = "NOT_FINISHED";
        } else if (problem != null) {
            r.r1 = problem;
        } else {
            r.r1 = detectors.verdict().name();
        }
        r.r2 = data;
    }

    private synchronized Client started() {
        if (client == null) {
            try {
                dir = Files.createTempDirectory(CACHES, "c");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a cache directory in " + CACHES, e);
            }
            Client c = new Client(domain, design, kernel, vmConfig, afsConfig, dir);
            c.start();
            client = c;
            TaskHandle setup = domain.spawn("setup", () -> setup(c));
            if (!join(setup)) {
                throw new IllegalStateException("timed out: setup still running after " + BOUND);
            }
            if (setup.failure() instanceof ModelException) {
                problem = "SETUP_" + detectors.verdict();   // the race never started clean
            } else if (setup.failure() != null) {
                throw new IllegalStateException("setup failed", setup.failure());
            }
        }
        return client;
    }

    /** Yields rather than spins: actors and daemons outnumber the cores CI gives us. */
    @SuppressWarnings("ThreadPriorityCheck")
    private void awaitAll(String comm) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (arrived.get() < actors) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("timed out: " + comm + " waited " + BOUND
                        + " for the other actors");
            }
            Thread.yield();
        }
    }

    private void finish() {
        try {
            Client c;
            Path cacheDir;
            synchronized (this) {
                c = client;
                cacheDir = dir;
            }
            if (c == null) {
                return;
            }
            if (problem == null && detectors.verdict().compareTo(Verdict.DATA_LOSS) < 0) {
                TaskHandle check = domain.spawn("check", () -> data = check(c));
                if (!join(check)) {
                    problem = "CHECK_TIMEOUT";
                } else if (check.failure() instanceof ModelException
                        || detectors.verdict().compareTo(Verdict.DATA_LOSS) > 0) {
                    data = "-";     // the check itself ran into a hang: the spec is moot
                } else if (check.failure() != null) {
                    problem("CHECK_ERROR", check.failure());
                }
            }
            List<TaskHandle> daemons = new ArrayList<>();
            TaskHandle stop = domain.spawn("stop", () -> daemons.addAll(c.shutdown()));
            boolean stopped = join(stop);
            for (TaskHandle t : stopped ? daemons : List.<TaskHandle>of()) {
                stopped &= join(t);
            }
            if (!stopped) {
                problem = "THREADS_LEFT";
            }
            c.cm().cachefs().close();
            delete(cacheDir);
        } finally {
            finished = true;
        }
    }

    private void problem(String what, Throwable e) {
        problem = what;
        e.printStackTrace();
    }

    private static boolean join(TaskHandle t) {
        try {
            return t.join(BOUND);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code OK}, or how {@code got} differs from {@code want}, labelled {@code what}. */
    protected static String grade(String what, byte[] want, byte[] got) {
        if (Arrays.equals(want, got)) {
            return "OK";
        }
        return got == null || got.length != want.length ? what + "_LENGTH" : what + "_BYTES";
    }

    /** {@code n} bytes of a pattern named by {@code seed} (as the model's tests use). */
    protected static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed + i * 31);
        }
        return b;
    }

    private static Path cacheRoot() {
        try {
            Path root = Files.createTempDirectory("flushcheck-stress-");
            root.toFile().deleteOnExit();
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the cache root", e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete cache directory " + dir, e);
        }
    }
}
