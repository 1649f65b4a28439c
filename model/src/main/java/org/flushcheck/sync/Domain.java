package org.flushcheck.sync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One model run: its tasks, its primitives and the observer (the detectors) watching
 * them.
 *
 * Locks:
 *   {@code lock}, the domain monitor, guards the state of every task and every
 *   primitive of this domain. It is taken only through {@link #atomically}, for
 *   short, non-blocking steps; the choke point releases it before parking. Observers
 *   run under it.
 *
 * Invariants:
 *   Every task of this domain is in {@code tasks}, in pid order. A resource's owner
 *   lists and the owners' held stacks agree. An aborted task holds nothing.
 *   {@code toUnpark} is empty outside a step: a wakeup unparks after the step.
 *
 * Waits:
 *   None here; {@link ChokePoint} is the only place that parks.
 */
public final class Domain {

    final Object lock = new Object();
    final Observer observer;
    private final boolean sites;
    private final boolean callers;
    private final Map<Thread, Task> tasks = new LinkedHashMap<>();
    /** Per domain on purpose: one thread (a test's, Lincheck's) may act in several domains. */
    @SuppressWarnings("ThreadLocalUsage")
    private final ThreadLocal<Task> current = new ThreadLocal<>();
    private int nextPid = 1;
    private int nextId = 1;
    /** Tasks made runnable in the current step, unparked when it ends. */
    private final Set<Task> toUnpark = new LinkedHashSet<>();
    /** Controlled runs, under the monitor: the region the condition being evaluated may read, or -1. */
    private int region = -1;
    /**
     * The scheduler of a controlled run; null on real threads. Final, so that a model
     * checker that tracks shared fields (Lincheck) sees no new access on real threads.
     */
    final Controller controller;

    public Domain(Observer observer) {
        this(observer, null);
    }

    /** A domain whose tasks {@code controller} schedules (see {@link Controller#run}). */
    Domain(Observer observer, Controller controller) {
        this.observer = Objects.requireNonNull(observer, "observer");
        this.controller = controller;
        this.sites = observer.recordsSites();
        this.callers = observer.recordsCallers();
    }

    /** A domain with every detector off (locks work; a cycle hangs, as in C). */
    public static Domain withoutDetectors() {
        return new Domain(Observer.NONE);
    }

    public Observer observer() {
        return observer;
    }

    /** Whether an explorer schedules this domain's tasks (one at a time, virtual time). */
    public boolean isControlled() {
        return controller != null;
    }

    /** A new resource id: creation order, so the same run gives the same ids ({@link Footprint}). */
    int newId() {
        // one step of its own, skipped by a checker: in a controlled run one task runs at a
        // time; on real threads ids are never read, so a race between two creations is harmless
        AtomicSteps.Marker m = AtomicSteps.marker();
        m.enter();
        try {
            return nextId++;
        } finally {
            m.leave();
        }
    }

    /**
     * The domain's clock in nanoseconds: virtual in a controlled run (it moves only when no
     * task can run), the host's monotonic clock otherwise. Model code reads time only here.
     */
    public long nanoTime() {
        Controller c = controller;
        return c != null ? c.nanoTime() : System.nanoTime();
    }

    /**
     * A scheduling point for a racy access to {@code r} (see {@link Racy}). None under the
     * monitor: an access there (a wait's condition, run inside the wait's step) is part of
     * that step, and a step never switches tasks.
     */
    void racy(Racy r) {
        Controller c = controller;
        if (c == null) {
            return;
        }
        if (!Thread.holdsLock(lock)) {
            c.point(current.get(), Footprint.of(r.id));
        } else if (region >= 0 && r.id != region) {
            throw new IllegalStateException("a wait's condition over region r" + region + " reads " + r
                    + ", which is outside it: the wait's footprint would hide that dependence");
        }
    }

    /** Under the monitor: evaluates {@code condition}, whose racy reads must all be of region {@code id}. */
    boolean readingRegion(int id, java.util.function.BooleanSupplier condition) {
        int outer = region;
        region = id;
        try {
            return condition.getAsBoolean();
        } finally {
            region = outer;
        }
    }

    /**
     * A harness's mount: runs {@code start} (which starts the daemons); in a controlled
     * run, then waits until every other task sleeps in an idle wait or has ended (the
     * kernel threads and afsd's daemons are asleep before a workload's first call), all
     * in one fixed order, no decision of the explorer's. On real threads and under a
     * checker, only runs {@code start}.
     */
    public void settle(Runnable start) {
        Controller c = controller;
        if (c != null) {
            c.settle(current(), start);
        } else {
            start.run();
        }
    }

    /**
     * A harness's epilogue (shutdown): in a controlled run, from here to its end the
     * explorer makes no decision and the tasks run in one fixed order. Elsewhere, nothing.
     */
    public void fixOrder() {
        Controller c = controller;
        if (c != null) {
            c.fixOrder();
        }
    }

    /**
     * Waits, holding no model lock, until {@code condition} (an observation of the model:
     * a task blocked, a task ended, a counter reached) holds; false when {@code bound}
     * passed first. On real threads it polls; in a controlled run the scheduler runs the
     * task only once the condition holds, or once the virtual clock passes the bound.
     */
    public boolean awaitObservation(BooleanSupplier condition, Duration bound) {
        Controller c = controller;
        if (c != null) {
            Task t = current();
            return c.observe(t, condition, Footprint.GLOBAL, nanoTime() + bound.toNanos());
        }
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
        return true;
    }

    private static final long POLL_NANOS = 200_000;

    /** The calling thread's task; a thread not seen before registers under its own name. */
    public Task current() {
        Task t = current.get();
        if (t == null) {
            t = register(Thread.currentThread(), Thread.currentThread().getName());
            current.set(t);
        }
        return t;
    }

    /** Registers the calling thread as a task named {@code comm}; it must be new here. */
    public Task enter(String comm) {
        atomically(Footprint.GLOBAL, () -> {
            Task known = tasks.get(Thread.currentThread());
            if (known != null && !known.comm().equals(comm)) {
                throw new IllegalStateException("thread already runs task " + known.name());
            }
        });
        Task t = register(Thread.currentThread(), comm);
        current.set(t);
        return t;
    }

    private Task register(Thread thread, String comm) {
        return atomicallyGet(Footprint.GLOBAL, () ->
                tasks.computeIfAbsent(thread, th -> new Task(this, th, nextPid++, comm)));
    }

    /**
     * Starts {@code body} on a new daemon thread as task {@code comm}; the task exits
     * (and is checked for held locks) when the body returns or throws.
     */
    public TaskHandle spawn(String comm, Runnable body) {
        return spawnAll(List.of(new Spawn(comm, body))).get(0);
    }

    /** A task to start: its comm and its body. */
    public record Spawn(String comm, Runnable body) {
    }

    /**
     * Starts {@code spawns}, registered together in one step before any of them starts:
     * no detector ever sees some of them born and the others not yet, so a wait that only
     * a later one could end is never taken for a stall.
     */
    public List<TaskHandle> spawnAll(List<Spawn> spawns) {
        List<TaskHandle> handles = new ArrayList<>(spawns.size());
        List<Thread> threads = new ArrayList<>(spawns.size());
        Controller c = controller;
        for (Spawn s : spawns) {
            TaskHandle handle = new TaskHandle();
            Thread thread;
            if (c != null) {
                thread = c.carrier();
            } else {
                thread = new Thread(() -> handle.run(this, s.body()), s.comm());
                thread.setDaemon(true);
            }
            handles.add(handle);
            threads.add(thread);
        }
        List<Task> born = atomicallyGet(Footprint.GLOBAL, () -> {
            List<Task> all = new ArrayList<>(spawns.size());
            for (int i = 0; i < spawns.size(); i++) {
                all.add(register(threads.get(i), spawns.get(i).comm()));
            }
            return all;
        });
        for (int i = 0; i < spawns.size(); i++) {
            TaskHandle handle = handles.get(i);
            Runnable body = spawns.get(i).body();
            handle.bind(born.get(i), threads.get(i));
            if (c != null) {
                c.launch(born.get(i), threads.get(i), () -> handle.run(this, body));
            } else {
                threads.get(i).start();
            }
        }
        if (c != null) {
            c.prime(current.get(), born);
        }
        return handles;
    }

    /**
     * The calling task exits. Exiting with locks held breaks a strict rule: the locks
     * stay held (as in the kernel), waiters on them are stalled, and the violation is
     * thrown.
     */
    public void exit() {
        Task t = current();
        atomically(Footprint.of(t.lifeId), () -> {
            if (t.state == Task.State.EXITED) {
                return;
            }
            LockingViolation v = null;
            if (!t.held.isEmpty() && t.abort == null) {
                v = violation(LockingViolation.Rule.EXIT_WITH_LOCKS_HELD, t,
                        "exited with " + t.held.size() + " lock(s) held: " + t.held);
            }
            t.state = Task.State.EXITED;
            Stuck stuck = observer.checkExit(t, tasks.values());
            if (stuck != null) {
                abort(stuck, t);
            }
            if (v != null) {
                throw v;
            }
        });
    }

    /** Every task as it is now, in pid order. */
    public List<TaskState> snapshot() {
        return atomicallyGet(Footprint.GLOBAL, () -> {
            List<TaskState> all = new ArrayList<>(tasks.size());
            for (Task t : tasks.values()) {
                all.add(t.snapshot());
            }
            return all;
        });
    }

    /** Where the calling task is, when the observer wants sites; a stack walk, one atomic step. */
    Site site() {
        if (!sites) {
            return Site.UNKNOWN;
        }
        AtomicSteps.Marker step = AtomicSteps.marker();
        step.enter();
        try {
            return Site.capture(callers);
        } finally {
            step.leave();
        }
    }

    /**
     * Runs {@code body} under the monitor as one atomic step (see {@link AtomicSteps}) on
     * what {@code footprint} names, then unparks the tasks it woke, after the monitor is
     * released and outside the step so that a model checker sees each unpark. In a
     * controlled run the step's start is a scheduling point. A nested call (already under
     * the monitor) just runs the body: the outermost step unparks.
     */
    void atomically(long footprint, Runnable body) {
        atomicallyGet(footprint, () -> {
            body.run();
            return null;
        });
    }

    /** A step that touches everything: a scheduling point that conflicts with every step. */
    void atomically(Runnable body) {
        atomically(Footprint.GLOBAL, body);
    }

    /**
     * A step only the calling task and the detectors see (recording a dependency, checking
     * a precondition): not a scheduling point, since no other task can tell when it ran.
     */
    void locally(Runnable body) {
        atomically(Footprint.NONE, body);
    }

    /** {@link #atomically(long, Runnable)} returning what {@code body} returns. */
    <T> T atomicallyGet(long footprint, Supplier<T> body) {
        if (Thread.holdsLock(lock)) {
            return body.get();
        }
        Controller c = controller;
        if (c != null && footprint != Footprint.NONE) {
            c.point(current.get(), footprint);
        }
        List<Task> woken = List.of();
        AtomicSteps.Marker step = AtomicSteps.marker();
        step.enter();
        try {
            synchronized (lock) {
                try {
                    return body.get();
                } finally {
                    if (!toUnpark.isEmpty()) {
                        woken = new ArrayList<>(toUnpark);
                        toUnpark.clear();
                    }
                }
            }
        } finally {
            step.leave();
            for (Task t : woken) {
                if (c != null) {
                    c.unpark(t);
                } else {
                    LockSupport.unpark(t.thread);
                }
            }
        }
    }

    /** {@link #atomicallyGet(long, Supplier)} on everything. */
    <T> T atomicallyGet(Supplier<T> body) {
        return atomicallyGet(Footprint.GLOBAL, body);
    }

    /** Under the monitor: wakes every task sleeping or waiting on {@code channel}. */
    void wakeup(Object channel) {
        for (Task t : tasks.values()) {
            Wait w = t.waiting;
            if (w != null && w.channel() == channel) {
                w.wake();
                toUnpark.add(t);
            }
        }
    }

    /** Under the monitor: every task not exited (for the detectors). */
    Collection<Task> tasks() {
        return tasks.values();
    }

    /** Under the monitor: record a broken rule and return it for the caller to throw. */
    LockingViolation violation(LockingViolation.Rule rule, Task t, String detail) {
        LockingViolation v = new LockingViolation(rule, t, detail);
        observer.violation(v);
        return v;
    }

    /** Under the monitor: abort every stuck task; each drops what it holds and unwinds. */
    void abort(Stuck stuck, Task detector) {
        abort(stuck.kind(), detector, stuck.chain(), stuck.stuck(), 0);
    }

    void abort(Hang.Kind kind, Task detector, List<Task> chain, List<Task> victims, long nanos) {
        abort(kind, detector, chain, victims, nanos, null);
    }

    /** As above, for a controlled run cut short: {@code cut} says why, for the splat. */
    void abort(Hang.Kind kind, Task detector, List<Task> chain, List<Task> victims, long nanos, String cut) {
        if (controller != null) {
            controller.widen();
        }
        Hang hang = new Hang(kind, detector.pid(), snapshots(chain), snapshots(victims),
                snapshot(), nanos, cut);
        observer.hang(hang);
        for (Task t : victims) {
            if (t.abort == null) {
                t.abort = new DeadlockException(hang);
                for (int i = t.held.size() - 1; i >= 0; i--) {
                    Held h = t.held.get(i);
                    h.resource().forceRelease(t, h);
                }
                t.held.clear();
                t.spinDepth = 0;
            }
            toUnpark.add(t);
        }
    }

    private static List<TaskState> snapshots(List<Task> ts) {
        List<TaskState> out = new ArrayList<>(ts.size());
        for (Task t : ts) {
            out.add(t.snapshot());
        }
        return out;
    }
}
