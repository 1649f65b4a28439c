package org.flushcheck.sync;

import java.time.Duration;

/** A task started by {@link Domain#spawn}: join it (with a bound, unless
 * a model checker owns time), read how it ended. */
public final class TaskHandle {

    private Task task;
    private Thread thread;
    private volatile Throwable failure;
    private volatile boolean done;

    TaskHandle() {
    }

    void bind(Task task, Thread thread) {
        this.task = task;
        this.thread = thread;
    }

    void run(Domain domain, Runnable body) {
        domain.current();
        try {
            body.run();
        } catch (Throwable e) {
            failure = e;
        } finally {
            try {
                domain.exit();
            } catch (LockingViolation v) {
                if (failure == null) {
                    failure = v;
                } else {
                    failure.addSuppressed(v);
                }
            }
            Controller c = domain.controller;
            if (c != null) {
                done = true;
                c.exited(task);
            }
        }
    }

    public Task task() {
        return task;
    }

    /**
     * Waits at most {@code bound} for the task to end; true when it has. In a controlled
     * run the bound is on the domain's virtual clock.
     */
    public boolean join(Duration bound) throws InterruptedException {
        if (task.domain.isControlled()) {
            Domain d = task.domain;
            return d.controller.observe(d.current(), () -> done, Footprint.of(task.lifeId), d.nanoTime() + bound.toNanos());
        }
        thread.join(Math.max(1, bound.toMillis()));
        return !thread.isAlive();
    }

    /**
     * Waits for the task to end, without a bound: only under a scheduler that owns time
     * (under Lincheck a timed join returns at once), with the watchdog off.
     */
    public void join() {
        if (task.domain.isControlled()) {
            task.domain.controller.observe(task.domain.current(), () -> done, Footprint.of(task.lifeId), 0);
            return;
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted joining " + task.name(), e);
        }
    }

    public boolean isDone() {
        return task.domain.isControlled() ? done : !thread.isAlive();
    }

    /** What the task threw (a {@link ModelException} for a detected hang), or null. */
    public Throwable failure() {
        return failure;
    }
}
