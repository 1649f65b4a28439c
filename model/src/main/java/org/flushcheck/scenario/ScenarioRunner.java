package org.flushcheck.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.flushcheck.afs.Faults;
import org.flushcheck.afs.VCache;
import org.flushcheck.design.Client;
import org.flushcheck.design.LockDesign;
import org.flushcheck.detect.Detectors;
import org.flushcheck.detect.Finding;
import org.flushcheck.detect.Verdict;
import org.flushcheck.explore.Exploration;
import org.flushcheck.explore.Explorer;
import org.flushcheck.explore.ScheduleId;
import org.flushcheck.explore.Search;
import org.flushcheck.sync.Controller;
import org.flushcheck.sync.AtomicSteps;
import org.flushcheck.sync.Domain;
import org.flushcheck.sync.ModelException;
import org.flushcheck.sync.Task;
import org.flushcheck.sync.TaskHandle;
import org.flushcheck.vm.KernelProfile;
import org.flushcheck.vm.Truncate;

/**
 * Runs a scenario once on real threads with every detector on (the {@code stress}
 * engine runs it N times): builds the client in a fresh cache directory, opens the files,
 * starts the threads (those with {@code after} once their predecessors end), joins them,
 * checks durability, shuts the client down and removes the cache directory.
 *
 * Nothing hangs: a blocked cycle or a wait nobody can end is a DeadlockException in the
 * tasks and a finding; a wait the graphs cannot explain is the watchdog's HUNG_TASK after
 * {@code hungTask} (with {@link Duration#ZERO} the watchdog is off, so that no verdict
 * depends on the host's speed: what a test on real threads wants); only a broken model
 * could outlast {@link #joinBound}, and that is an IllegalStateException naming the
 * tasks, never a hung job.
 *
 * The file oracle, in every engine (real threads, the explorer, a checker's {@link #drive}):
 * once every thread has ended without a hang, a task fsyncs every file; where no fsync or
 * close of the file ever returned an error (an error tells the application its data may
 * be lost), some linearization of the file's operations must explain what every read
 * returned and what the fileserver holds, or the run is DATA_LOSS ({@link FileOracle}).
 * Files changed by vmtruncate's steps alone are not checked. The oracle is harness work:
 * it adds no scheduling point (the fileserver read it makes per file is the one the
 * explorer already counts) and runs outside a checker's analysis.
 */
public final class ScenarioRunner {

    private final Duration hungTask;

    /**
     * A runner whose watchdog reports a wait longer than {@code hungTask} as HUNG_TASK; on
     * real threads {@link Duration#ZERO} turns it off (the explorer's watchdog runs on its
     * virtual clock either way).
     */
    public ScenarioRunner(Duration hungTask) {
        this.hungTask = hungTask;
    }

    /**
     * How long a real-thread run may take before it is a broken model: twice the watchdog
     * and 30 s; without a watchdog, {@link #UNWATCHED_JOIN}.
     */
    private Duration joinBound() {
        return hungTask.isZero() ? UNWATCHED_JOIN : hungTask.multipliedBy(2).plusSeconds(30);
    }

    /**
     * The join bound of a real-thread run without a watchdog: a scenario runs in seconds,
     * so only a broken model outlasts it, whatever the host's load.
     */
    private static final Duration UNWATCHED_JOIN = Duration.ofMinutes(5);

    /** A gate gives up before its thread's join would: a gate that never opens is the scenario's error, named. */
    private Duration gateBound() {
        return joinBound().minusSeconds(10);
    }

    /** Runs {@code s} under its design and kernel, the cache directory under {@code cacheRoot}. */
    public Outcome run(Scenario s, Path cacheRoot) {
        Path dir;
        try {
            Files.createDirectories(cacheRoot);
            dir = Files.createTempDirectory(cacheRoot, s.name() + "-");
        } catch (IOException e) {
            throw new ScenarioException("cannot create a cache directory under " + cacheRoot + ": " + e);
        }
        try {
            LockDesign design = LockDesign.named(s.design());
            Detectors detectors = Detectors.builder().order(design.lockOrder()).hungTask(hungTask).build();
            return new One(s, design, dir, new Domain(detectors), false).run(detectors);
        } finally {
            delete(dir);
        }
    }

    /**
     * Explores {@code s} with the explorer (controlled mode, virtual time): every verdict
     * its runs reach, each with the shortest schedule found to it, whose outcome names
     * that schedule and the search in its bounds.
     */
    public Exploration<Verdict, Outcome> explore(Scenario s, Search search, Path cacheRoot) {
        LockDesign design = LockDesign.named(s.design());
        Path dir = cacheDir(s, cacheRoot);
        try {
            Exploration<Verdict, Outcome> e = Explorer.explore(program(s, design, dir), search,
                    o -> Set.of(o.verdict()));
            Map<Verdict, Exploration.Found<Outcome>> named = new TreeMap<>();
            e.found().forEach((v, f) -> named.put(v, new Exploration.Found<>(f.schedule(), f.steps(),
                    f.outcome().explored(f.schedule(), f.steps()), f.firstAt())));
            return new Exploration<>(named, e.schedules(), e.executions(), e.complete(), e.strategy(), e.nanos());
        } finally {
            delete(dir);
        }
    }

    /** Replays schedule {@code id} of {@code s}: the same run, byte for byte, as the exploration that found it. */
    public Outcome replay(Scenario s, ScheduleId id, Path cacheRoot) {
        LockDesign design = LockDesign.named(s.design());
        Path dir = cacheDir(s, cacheRoot);
        try {
            Controller.Result<Outcome> run = Explorer.replay(program(s, design, dir), id);
            Outcome o = value(run, s);
            return o.explored(id, run.steps());
        } finally {
            delete(dir);
        }
    }

    /** One controlled run of {@code s} per call, in {@code dir}, emptied first. */
    private Explorer.Program<Outcome> program(Scenario s, LockDesign design, Path dir) {
        return (chooser, maxSteps) -> {
            empty(dir);
            Detectors detectors = Detectors.builder().order(design.lockOrder()).hungTask(hungTask).build();
            Controller.Result<Outcome> run = Controller.run(detectors, chooser, maxSteps,
                    domain -> new One(s, design, dir, domain, false).run(detectors));
            if (run.failure() != null && run.scheduleError() == null
                    && (run.cut() == null || !run.cut().startsWith("pruned"))) {
                value(run, s);
            }
            return run;
        };
    }

    /** The outcome of a controlled run; a harness failure (a scenario asking the impossible) is rethrown as it is. */
    private static Outcome value(Controller.Result<Outcome> run, Scenario s) {
        if (run.failure() instanceof ScenarioException e) {
            throw e;
        }
        if (run.failure() != null) {
            throw new IllegalStateException(s.source() + ": the model run broke: " + run.failure(), run.failure());
        }
        return run.value();
    }

    private static Path cacheDir(Scenario s, Path cacheRoot) {
        try {
            Files.createDirectories(cacheRoot);
            return Files.createTempDirectory(cacheRoot, s.name() + "-");
        } catch (IOException e) {
            throw new ScenarioException("cannot create a cache directory under " + cacheRoot + ": " + e);
        }
    }

    private static void empty(Path dir) {
        try (Stream<Path> walk = Files.list(dir)) {
            walk.forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new ScenarioException("cannot empty the cache directory " + dir + ": " + e);
        }
    }

    /**
     * Runs {@code s} on {@code domain} for a model checker that owns the schedule (and
     * the detectors, and the verdict): joins are untimed, since under a checker a timed
     * join returns at once. Returns every task it ran, ended, for the checker to judge how
     * each ended (a checker may abort tasks itself). The file oracle's findings go to the
     * domain's observer, which must be the run's {@link Detectors}: the checker reads the
     * verdict there. {@code design} is the scenario's, resolved once by the caller: a
     * lookup per run would be analysed in every run.
     */
    public List<TaskHandle> drive(Scenario s, LockDesign design, Domain domain, Path dir) {
        if (!(domain.observer() instanceof Detectors detectors)) {
            throw new IllegalArgumentException("drive needs a domain observed by its Detectors (the file oracle"
                    + " reports to them), not " + domain.observer());
        }
        One one = new One(s, design, dir, domain, true);
        one.run(detectors);
        return List.copyOf(one.tasks);
    }

    /** The state of one run. */
    private final class One {
        final Scenario s;
        final Domain domain;
        /** A model checker owns the schedule: joins are untimed, and the checker judges how tasks ended. */
        final boolean checker;
        final Client client;
        final Trace trace;
        final Map<Long, VCache> files = new ConcurrentHashMap<>();
        final Map<String, TaskHandle> handles = new ConcurrentHashMap<>();
        final Set<Long> errorReported = ConcurrentHashMap.newKeySet();
        final List<TaskHandle> tasks = new ArrayList<>();
        final List<String> notes = new ArrayList<>();

        One(Scenario s, LockDesign design, Path dir, Domain domain, boolean checker) {
            this.s = s;
            this.domain = domain;
            this.checker = checker;
            KernelProfile kernel = KernelProfile.named(s.kernel());
            this.client = new Client(domain, design, kernel, s.sizes().vmConfig(kernel), s.sizes().afsConfig(),
                    dir);
            for (Fault f : s.faults()) {
                if (f.function().equals(Fault.STORE_DATA)) {
                    client.cm().fileserver().failStore(f.skip() + 1);
                } else {
                    client.cm().faults().inject(f.function(), Faults.ERRNO.get(f.errno()), f.skip(), f.times());
                }
            }
            this.trace = new Trace(s.threads().stream().map(ThreadSpec::name).toList());
        }

        /**
         * Runs the scenario and its file oracle, whose findings go to {@code detectors};
         * returns the outcome, or, in a checker's run, null, every task left in
         * {@link #tasks} for the checker.
         */
        Outcome run(Detectors detectors) {
            domain.settle(client::start); // mount: the workload starts on an idle machine
            List<TaskHandle> all = tasks;
            try {
                all.add(join(domain.spawn("open", () -> s.files().forEach(fid -> files.put(fid, client.open(fid))))));
                List<ThreadSpec> first = s.threads().stream().filter(t -> t.after().isEmpty()).toList();
                List<TaskHandle> born = domain.spawnAll(first.stream()
                        .map(t -> new Domain.Spawn(t.name(), () -> body(t))).toList());
                for (int i = 0; i < first.size(); i++) {
                    handles.put(first.get(i).name(), born.get(i));
                }
                for (ThreadSpec t : s.threads()) {
                    if (!t.after().isEmpty()) {
                        t.after().forEach(dep -> join(handles.get(dep)));
                        handles.put(t.name(), domain.spawn(t.name(), () -> body(t)));
                    }
                }
                s.threads().forEach(t -> all.add(join(handles.get(t.name()))));
                if (!checker) {
                    rethrowHarnessFailures(all);
                }
                durability(detectors);
                return checker ? null : outcome(detectors);
            } finally {
                domain.fixOrder(); // the workload and its durability check are done: shutdown is not explored
                if (!domain.current().isAborted()) { // aborted with every task by a cut: the daemons end by themselves
                    List<TaskHandle> daemons = client.shutdown();
                    daemons.forEach(this::join);
                    tasks.addAll(daemons);
                }
                client.cm().cachefs().close();
            }
        }

        private void body(ThreadSpec t) {
            for (int i = 0; i < t.ops().size(); i++) {
                Op op = t.ops().get(i);
                trace.begin(t.name(), i, op);
                try {
                    trace.end(t.name(), i, op, perform(t.name(), i, op));
                } catch (RuntimeException | Error e) {
                    trace.failed(t.name(), i, op, e);
                    throw e;
                }
            }
        }

        private Trace.Returned perform(String thread, int index, Op op) {
            VCache f = files.get(op.file());
            return switch (op.kind()) {
                case WRITE -> Trace.Returned.count("wrote", client.write(f, op.arg("at"), data(thread, index, op)));
                case MMAP_STORE -> Trace.Returned.stored(client.mmapStore(f, op.arg("at"), data(thread, index, op)),
                        op.arg("bytes"));
                case READ -> Trace.Returned.read(client.read(f, op.arg("at"), (int) op.arg("bytes")));
                case FSYNC -> Trace.Returned.count("returns", reported(op, client.fsync(f)));
                case CLOSE -> Trace.Returned.count("returns", reported(op, client.close(f)));
                case TRUNCATE -> {
                    client.truncate(f, op.arg("size"));
                    yield Trace.Returned.of("truncated");
                }
                case I_SIZE_WRITE -> {
                    f.inode().setSize(op.arg("size"));
                    yield Trace.Returned.of("i_size " + op.arg("size"));
                }
                case TRUNCATE_INODE_PAGES -> {
                    Truncate.truncate_inode_pages(f.inode().mapping(), op.arg("from"));
                    yield Trace.Returned.of("pages dropped");
                }
                case WRITEBACK -> {
                    client.writeback();
                    yield Trace.Returned.of("written back");
                }
                case SYNC -> {
                    client.sync();
                    yield Trace.Returned.of("synced");
                }
                case RECLAIM -> {
                    client.reclaim();
                    yield Trace.Returned.of("reclaimed");
                }
                case SHAKE_LOOSE_VCACHES -> Trace.Returned.count("returns", client.shakeLooseVCaches());
                case AWAIT -> {
                    Gate.await(domain, op.toString(), () -> opens(op), gateBound());
                    yield Trace.Returned.of("open");
                }
            };
        }

        /** An fsync or close that returned an error told the application: no silent loss. */
        private int reported(Op op, int rc) {
            if (rc != 0) {
                errorReported.add(op.file());
            }
            return rc;
        }

        private boolean opens(Op await) {
            Long drain = await.args().get("drain_waiters");
            String blocked = await.threads().get("blocked");
            String ended = await.threads().get("ended");
            return (drain != null && client.cm().drainWaits() >= drain)
                    || (blocked != null && blocked(blocked))
                    || (ended != null && ended(ended));
        }

        private boolean ended(String name) {
            TaskHandle h = handles.get(name);
            return h != null && h.isDone();
        }

        private boolean blocked(String comm) {
            return domain.snapshot().stream()
                    .anyMatch(t -> t.comm().equals(comm) && t.state() == Task.State.BLOCKED);
        }

        private TaskHandle join(TaskHandle h) {
            if (checker) {
                h.join();
                return h;
            }
            try {
                if (!h.join(joinBound())) {
                    throw new IllegalStateException("model run did not end: " + h.task().name()
                            + " still running after " + joinBound().toSeconds() + " s; tasks: " + domain.snapshot());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while joining " + h.task().name(), e);
            }
            return h;
        }

        /** A task that failed with anything but a model outcome means the scenario asked the impossible. */
        private void rethrowHarnessFailures(List<TaskHandle> all) {
            for (TaskHandle h : all) {
                Throwable f = h.failure();
                if (f != null && !(f instanceof ModelException)) {
                    throw new ScenarioException(s.source() + ": thread " + h.task().comm() + " failed: "
                            + (f instanceof ScenarioException ? "" : f.getClass().getSimpleName() + ": ")
                            + f.getMessage());
                }
            }
        }

        /**
         * The file oracle ({@link FileOracle}), once every thread ended cleanly: a task
         * fsyncs every file, then each file whose fsyncs and closes all returned 0 is judged
         * against what the fileserver holds. Its findings go to {@code detectors}.
         */
        private void durability(Detectors detectors) {
            if (detectors.verdict().compareTo(Verdict.DATA_LOSS) >= 0 || !trace.inFlight().isEmpty()) {
                notes.add("durability not checked: the run did not end cleanly");
                return;
            }
            Map<Long, Integer> fsync = new LinkedHashMap<>();
            join(domain.spawn("umount", () -> files.forEach((fid, f) -> fsync.put(fid, client.fsync(f)))));
            List<Trace.Event> events = trace.events();
            Set<Long> byHand = new HashSet<>();
            events.stream().filter(e -> e.op().kind() == Op.Kind.I_SIZE_WRITE
                    || e.op().kind() == Op.Kind.TRUNCATE_INODE_PAGES).forEach(e -> byHand.add(e.op().file()));
            for (Map.Entry<Long, VCache> f : new TreeMap<>(files).entrySet()) {
                long fid = f.getKey();
                Integer rc = fsync.get(fid);
                if (rc == null) {
                    notes.add("file " + fid + ": durability not checked: the final fsync did not return (a hang,"
                            + " in the findings)");
                } else if (byHand.contains(fid)) {
                    notes.add("file " + fid + ": not checked (vmtruncate's steps were run by hand)");
                } else if (rc != 0 || errorReported.contains(fid)) {
                    notes.add("file " + fid + ": not checked: an fsync or close returned an error"
                            + " (the loss was reported to the application)");
                } else {
                    byte[] stored = client.stored(f.getValue());
                    // harness work, not a model step: outside a checker's analysis (a Lincheck ignored section)
                    AtomicSteps.bulk(() -> FileOracle.judge(s, fid, () -> FileHistory.of(events, fid), stored)
                            .forEach(detectors::report));
                }
            }
        }

        private Outcome outcome(Detectors detectors) {
            List<Finding> findings = new ArrayList<>(detectors.findings());
            findings.sort(Comparator.comparing(Finding::verdict).reversed());
            Verdict verdict = findings.isEmpty() ? Verdict.CLEAN : findings.get(0).verdict();
            int daemons = client.vm().flusher().threads().size() + 1 + client.cm().threads().size();
            String bounds = "real threads, 1 run: " + s.threads().size() + " scenario threads + " + daemons
                    + " kernel/AFS threads, " + s.operations() + " operations, "
                    + (hungTask.isZero() ? "no hung-task watchdog" : "hung-task bound " + hungTask.toSeconds() + " s");
            return new Outcome(s, verdict, findings, trace, bounds, notes, null);
        }
    }

    /**
     * The data of operation {@code index} of {@code thread}, as a scenario thread makes it:
     * {@link #pattern}, filled as one bulk step (a checker would take the loop for a spin).
     */
    private static byte[] data(String thread, int index, Op op) {
        byte[][] b = new byte[1][];
        AtomicSteps.bulk(() -> b[0] = pattern(thread, index, op));
        return b[0];
    }

    /** Deterministic data for operation {@code index} of {@code thread}: the same bytes every run. */
    static byte[] pattern(String thread, int index, Op op) {
        byte[] b = new byte[(int) op.arg("bytes")];
        int seed = thread.hashCode() * 31 + index * 131 + (int) op.arg("at");
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (seed + i * 31 + (i >> 8));
        }
        return b;
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // the directory was under the caller's cache root; a leftover is harmless
        }
    }
}
