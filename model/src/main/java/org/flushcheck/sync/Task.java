package org.flushcheck.sync;

import java.util.ArrayList;
import java.util.List;

/**
 * A model thread, like {@code task_struct}: a command name ({@code comm}: "pdflush",
 * "afs_cachetrim", "writer"), a pid unique in its domain, the stack of locks it holds
 * and the wait it is blocked in.
 *
 * <p>Invariants (all fields guarded by the domain monitor): a task is {@code BLOCKED}
 * iff {@code waiting != null}; once {@code abort} is set the task holds nothing and
 * every later wait rethrows it; an {@code EXITED} task never changes again.
 */
public final class Task {

    /** Scheduler state, as {@code ps} would show it. */
    public enum State { RUNNING, BLOCKED, EXITED }

    final Domain domain;
    final Thread thread;
    private final int pid;
    private final String comm;
    /** The footprint id of this task's life: its exit, and a join of it. */
    final int lifeId;
    final List<Held> held = new ArrayList<>();
    State state = State.RUNNING;
    Wait waiting;
    long blockedSinceNanos;
    ModelException abort;
    int spinDepth;
    // Controlled mode only, read and written by the thread holding the baton (Controller):
    Controller.Ctl ctl = Controller.Ctl.RUNNING;
    /**
     * The harness of a controlled run (its {@code init} task: it builds the model, starts
     * the scenario's threads and joins them). On real threads that is a thread outside the
     * model; here it is a task, and the detectors must not count it as one that could wake
     * a sleeper or end a wait.
     */
    boolean harness;
    long pending;
    boolean permit;
    boolean skipPoint;
    long deadline;
    java.util.function.BooleanSupplier observed;
    boolean timedOut;

    Task(Domain domain, Thread thread, int pid, String comm) {
        this.domain = domain;
        this.thread = thread;
        this.pid = pid;
        this.comm = comm;
        this.lifeId = domain.newId();
    }

    public int pid() {
        return pid;
    }

    public String comm() {
        return comm;
    }

    /** {@code comm/pid}, as lockdep names a task. */
    public String name() {
        return comm + "/" + pid;
    }

    /**
     * Under the monitor: can this task still run (not exited, its thread alive, or
     * registered and about to start: a spawned task that has not run yet will)?
     */
    boolean alive() {
        return state != State.EXITED
                && (domain.controller != null || thread.isAlive() || thread.getState() == Thread.State.NEW);
    }

    /** Under the monitor. */
    public State state() {
        return state;
    }

    /** Under the monitor. */
    public Wait waiting() {
        return waiting;
    }

    /** Under the monitor: the held-lock stack, oldest first. */
    public List<Held> held() {
        return held;
    }

    /**
     * Under the monitor: who this task's wait depends on, or null when it is not
     * blocked. A wait already satisfied (woken, condition true), or one that ends by
     * itself when its timeout runs out, depends on nobody.
     */
    public Resource.Blockers blockers() {
        Wait w = waiting;
        if (w == null) {
            return null;
        }
        return w.isSatisfied() || w.timeoutNanos() > 0 ? Resource.Blockers.NONE
                : w.resource().blockers(this, w.mode());
    }

    /** Under the monitor: can this task still run (not exited, its thread alive)? */
    public boolean isAlive() {
        return alive();
    }

    /** Under the monitor: was this task aborted (it holds nothing and is unwinding)? */
    public boolean isAborted() {
        return abort != null;
    }

    boolean holds(Resource r) {
        for (Held h : held) {
            if (h.resource() == r) {
                return true;
            }
        }
        return false;
    }

    /** Removes the newest entry for {@code r} in {@code mode} (any mode when null). */
    Held pop(Resource r, Mode mode) {
        for (int i = held.size() - 1; i >= 0; i--) {
            Held h = held.get(i);
            if (h.resource() == r && (mode == null || h.mode() == mode)) {
                return held.remove(i);
            }
        }
        return null;
    }

    void throwIfAborted() {
        if (abort != null) {
            throw abort;
        }
    }

    /** Under the monitor: this task as it is now. */
    public TaskState snapshot() {
        return new TaskState(pid, comm, state, List.copyOf(held), waiting);
    }

    @Override
    public String toString() {
        return name();
    }
}
