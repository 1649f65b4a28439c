package org.flushcheck.sync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
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
    /** Tasks made runnable in the current step, unparked when it ends. */
    private final Set<Thread> toUnpark = new LinkedHashSet<>();

    public Domain(Observer observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
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
        atomically(() -> {
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
        return atomicallyGet(() ->
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
        for (Spawn s : spawns) {
            TaskHandle handle = new TaskHandle();
            Thread thread = new Thread(() -> handle.run(this, s.body()), s.comm());
            thread.setDaemon(true);
            handles.add(handle);
            threads.add(thread);
        }
        List<Task> born = atomicallyGet(() -> {
            List<Task> all = new ArrayList<>(spawns.size());
            for (int i = 0; i < spawns.size(); i++) {
                all.add(register(threads.get(i), spawns.get(i).comm()));
            }
            return all;
        });
        for (int i = 0; i < spawns.size(); i++) {
            handles.get(i).start(born.get(i), threads.get(i));
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
        atomically(() -> {
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
        return atomicallyGet(() -> {
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
     * Runs {@code body} under the monitor as one atomic step (see {@link AtomicSteps}),
     * then unparks the tasks it woke, after the monitor is released and outside the
     * step so that a model checker sees each unpark. A nested call (already under the
     * monitor) just runs the body: the outermost step unparks.
     */
    void atomically(Runnable body) {
        atomicallyGet(() -> {
            body.run();
            return null;
        });
    }

    /** {@link #atomically(Runnable)} returning what {@code body} returns. */
    <T> T atomicallyGet(Supplier<T> body) {
        if (Thread.holdsLock(lock)) {
            return body.get();
        }
        List<Thread> woken = List.of();
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
            for (Thread th : woken) {
                LockSupport.unpark(th);
            }
        }
    }

    /** Under the monitor: wakes every task sleeping or waiting on {@code channel}. */
    void wakeup(Object channel) {
        for (Task t : tasks.values()) {
            Wait w = t.waiting;
            if (w != null && w.channel() == channel) {
                w.wake();
                toUnpark.add(t.thread);
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
        Hang hang = new Hang(kind, detector.pid(), snapshots(chain), snapshots(victims),
                snapshot(), nanos);
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
            toUnpark.add(t.thread);
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
