package org.flushcheck.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Controlled mode: one domain's tasks run one at a time, and a {@link Chooser} decides
 * at every scheduling point which runs next (CHESS's and Coyote's design: real threads,
 * one baton).
 *
 * Scheduling points: the start of every outermost atomic step of the sync layer (each
 * acquire, release, wait, wake, page-bit change, spawn, exit: {@link Domain#atomically}),
 * every marked racy access ({@link Racy}), every park in the choke point, every
 * observation a harness waits for ({@link Domain#awaitObservation}). A new task runs
 * its own code up to its first point before its spawner goes on ({@link #prime}): that
 * is no decision, since it touches nothing shared.
 * Steps the detectors alone see (recording a dependency) are local and not points.
 *
 * Fixed order: while a harness settles the machine ({@link #settle}: daemons starting,
 * up to their first idle sleep) and in a run's epilogue ({@link #fixOrder}: shutdown),
 * every step is the fallback's and no decision is asked for or recorded; the chooser
 * sees only the workload's decisions. Replays do the same, so ids stay exact.
 *
 * Locks:
 *   None. Exactly one thread runs at a time: the one {@link #running} names, or the
 *   driver before the first step and after the last. Every field is read and written
 *   only by that thread; the baton ({@code running}, volatile) is handed over with a
 *   write before the unpark, so each thread sees what the one before it wrote.
 *
 * Waits:
 *   A thread without the baton parks in {@link #awaitTurn} (the only raw park here,
 *   never seen by the detectors: it is the scheduler's own).
 *
 * Virtual time:
 *   {@link #clock} moves only when no task can run: to the earliest deadline of a timed
 *   wait (the hung-task watchdog, a bounded join or gate, a poll's timeout such as
 *   congestion_wait's or the truncate daemon's). Nothing reads the wall clock.
 *   When no task can run and none waits with a deadline, every task left is aborted as
 *   HUNG_TASK ("no task can run"): a hang the detectors could not name is a verdict,
 *   never a stuck explorer.
 *
 * Invariants:
 *   A task's {@code ctl} is RUNNING iff it holds the baton. The same chooser answers
 *   give the same run: tasks are offered in pid order, ids and clock are the run's own.
 */
public final class Controller {

    /** Where a controlled task is, from the scheduler's side. */
    enum Ctl { POINT, PARKED, OBSERVING, RUNNING, DONE }

    /** How a controlled run ended. */
    public record Result<T>(T value, Throwable failure, int steps, int preemptions, long clockNanos,
            List<int[]> switches, String cut, RuntimeException scheduleError) {
    }

    private final Domain domain;
    private final Chooser chooser;
    private final int maxSteps;
    private final Thread driver = Thread.currentThread();
    private final List<Carriers.Carrier> carriers = new ArrayList<>();
    private volatile Task running;
    private volatile boolean finished;
    /** While a spawner primes its new tasks: the spawner's thread, task (null: the driver), and whether the task handed back. */
    private Thread primer;
    private Task primerTask;
    private volatile boolean primed;
    private boolean deciding;
    /** While the machine settles, or from the epilogue on: the fallback runs, no decision. */
    private boolean fixed;
    private String cut;
    private RuntimeException scheduleError;
    private int steps;
    private int preemptions;
    private long clock;
    private Chooser.Decision last;
    private int lastPid;
    private long lastFootprint;
    /** (step, pid) of every choice other than the fallback: the schedule, as ids print it. */
    private final List<int[]> switches = new ArrayList<>();

    private Controller(Observer observer, Chooser chooser, int maxSteps) {
        this.domain = new Domain(observer, this);
        this.chooser = chooser;
        this.maxSteps = maxSteps;
    }

    /**
     * Runs {@code body} as task {@code init} of a new domain watched by {@code observer} under
     * {@code chooser}, with every task it starts, until all have ended; at most
     * {@code maxSteps} steps, after which every task is aborted (the run is cut, and
     * {@link Result#cut} says why).
     */
    public static <T> Result<T> run(Observer observer, Chooser chooser, int maxSteps, Function<Domain, T> body) {
        Controller c = new Controller(observer, chooser, maxSteps);
        Domain domain = c.domain;
        List<T> out = new ArrayList<>(1);
        TaskHandle root = domain.spawn("init", () -> {
            domain.current().harness = true;
            out.add(body.apply(domain));
        });
        c.yieldFrom(null, false);
        while (!c.finished) {
            LockSupport.park(c);
        }
        c.carriers.forEach(Carriers::release);
        return new Result<>(out.isEmpty() ? null : out.get(0), root.failure(), c.steps, c.preemptions,
                c.clock, List.copyOf(c.switches), c.cut, c.scheduleError);
    }

    /** The virtual clock, in nanoseconds since the run began. */
    long nanoTime() {
        return clock;
    }

    /** A thread to run a new task on. */
    Thread carrier() {
        Carriers.Carrier carrier = Carriers.take();
        carriers.add(carrier);
        return carrier;
    }

    /** Starts {@code t} (registered, {@code thread} from {@link #carrier}): it waits for its first turn. */
    void launch(Task t, Thread thread, Runnable body) {
        t.ctl = Ctl.POINT;
        ((Carriers.Carrier) thread).give(() -> {
            awaitTurn(t);
            t.ctl = Ctl.RUNNING;
            body.run();
        });
    }

    /**
     * Runs each of {@code born} (just launched by {@code spawner}, null for the driver) up
     * to its first scheduling point, one after the other, before the spawner goes on. What
     * a task does before its first point touches only its own state, so this commutes with
     * every step and is no decision.
     */
    void prime(Task spawner, List<Task> born) {
        for (Task t : born) {
            primer = Thread.currentThread();
            primerTask = spawner;
            primed = false;
            running = t;
            LockSupport.unpark(t.thread);
            while (!primed) {
                LockSupport.park(this);
            }
        }
    }

    /** Under priming: {@code t} reached its first point (or ended); back to the spawner. */
    private boolean handBack() {
        Thread to = primer;
        if (to == null) {
            return false;
        }
        primer = null;
        running = primerTask;
        primed = true;
        LockSupport.unpark(to);
        return true;
    }

    /** Whether the calling thread is a task of this run that the scheduler may switch away from. */
    private boolean switchable(Task t) {
        return t != null && !deciding && !finished && running == t;
    }

    /** A scheduling point before a step with {@code footprint}. */
    void point(Task t, long footprint) {
        if (!switchable(t)) {
            return;
        }
        if (t.skipPoint) {
            t.skipPoint = false; // the step the scheduler chose when it woke this task
            lastFootprint = footprint;
            return;
        }
        t.ctl = Ctl.POINT;
        t.pending = footprint;
        suspend(t);
        t.ctl = Ctl.RUNNING;
    }

    /** The step that is running turned out to touch everything (it aborted tasks). */
    void widen() {
        lastFootprint = Footprint.GLOBAL;
    }

    /** The choke point's park: until unparked, or until the clock reaches {@code deadline} (0: none). */
    void park(Task t, long footprint, long deadline) {
        if (t.permit) {
            t.permit = false;
            return;
        }
        t.ctl = Ctl.PARKED;
        t.pending = footprint;
        t.deadline = deadline;
        suspend(t);
        t.ctl = Ctl.RUNNING;
        t.permit = false;
        t.deadline = 0;
        t.skipPoint = true;
    }

    /** {@code LockSupport.unpark} of a controlled task: its next park returns, or its current one ends. */
    void unpark(Task t) {
        t.permit = true;
    }

    /**
     * Waits until {@code condition} holds, or the clock reaches {@code deadline} (0:
     * none); true when it holds. The condition is an observation of the model (a task
     * blocked, a task ended), evaluated by the scheduler whenever it picks a task.
     */
    boolean observe(Task t, BooleanSupplier condition, long footprint, long deadline) {
        if (!switchable(t)) {
            throw new IllegalStateException("an observation outside a controlled task");
        }
        t.ctl = Ctl.OBSERVING;
        t.pending = footprint;
        t.observed = condition;
        t.deadline = deadline;
        t.timedOut = false;
        suspend(t);
        t.ctl = Ctl.RUNNING;
        t.observed = null;
        t.deadline = 0;
        return !t.timedOut;
    }

    /**
     * Runs {@code start} in {@code t}, then waits until every other task sleeps in an idle
     * wait ({@link Wait#isIdle}) or has ended; all in fixed order. A task that never gets
     * idle leaves nothing to run: the run is cut as any hang is.
     */
    void settle(Task t, Runnable start) {
        fixed = true;
        try {
            start.run();
            observe(t, () -> settled(t), Footprint.GLOBAL, 0);
        } finally {
            fixed = false;
        }
    }

    private boolean settled(Task self) {
        for (Task x : domain.tasks()) {
            boolean idle = x == self || x.ctl == Ctl.DONE
                    || (x.ctl == Ctl.PARKED && !x.permit && x.waiting != null && x.waiting.isIdle());
            if (!idle) {
                return false;
            }
        }
        return true;
    }

    /** From here to the end of the run, every step is the fallback's: no decision. */
    void fixOrder() {
        fixed = true;
    }

    /** The calling task has exited: the next one runs; this thread only returns to its carrier. */
    void exited(Task t) {
        if (running != t) {
            return;
        }
        t.ctl = Ctl.DONE;
        if (!handBack()) {
            yieldFrom(t, false);
        }
    }

    /** {@code t} stops at a point, a park or an observation: back to its spawner while priming, else to the next task. */
    private void suspend(Task t) {
        if (handBack()) {
            awaitTurn(t);
        } else {
            yieldFrom(t, true);
        }
    }

    private void yieldFrom(Task me, boolean wait) {
        Task next = decide();
        if (next == me) {
            return;
        }
        if (next == null) {
            finished = true;
            running = null;
            LockSupport.unpark(driver);
            return;
        }
        running = next;
        LockSupport.unpark(next.thread);
        if (wait) {
            awaitTurn(me);
        }
    }

    private void awaitTurn(Task me) {
        while (running != me) {
            LockSupport.park(this);
        }
    }

    /** The next task to run, or null when every task has ended. */
    private Task decide() {
        deciding = true;
        try {
            if (last != null) {
                chooser.ran(last, lastPid, lastFootprint);
                last = null;
            }
            for (;;) {
                List<Chooser.Choice> enabled = enabled();
                if (enabled.isEmpty()) {
                    if (advanceClock()) {
                        continue;
                    }
                    if (domain.tasks().stream().allMatch(x -> x.ctl == Ctl.DONE)) {
                        return null;
                    }
                    abortAll("no task can run, and none waits with a deadline");
                    continue;
                }
                if (steps >= maxSteps && cut == null) {
                    abortAll("the run reached the step bound of " + maxSteps);
                    continue;
                }
                boolean previousEnabled = false;
                for (Chooser.Choice c : enabled) {
                    previousEnabled |= c.pid() == lastPid;
                }
                Chooser.Decision d = new Chooser.Decision(steps, enabled, lastPid, previousEnabled);
                int pid = d.fallback();
                boolean decided = cut == null && !fixed;
                if (decided) {
                    try {
                        pid = chooser.choose(d);
                        d.footprintOf(pid);
                    } catch (Chooser.Prune e) {
                        abortAll("pruned: " + e.getMessage());
                        continue;
                    } catch (RuntimeException e) {
                        scheduleError = e;
                        abortAll("the schedule failed at step " + steps + ": " + e.getMessage());
                        continue;
                    }
                }
                long footprint = d.footprintOf(pid);
                if (decided && enabled.size() > 1 && pid != d.fallback()) {
                    switches.add(new int[] {steps, pid});
                }
                if (d.preempts(pid)) {
                    preemptions++;
                }
                steps++;
                last = decided ? d : null;
                lastPid = pid;
                lastFootprint = footprint;
                return task(pid);
            }
        } finally {
            deciding = false;
        }
    }

    private List<Chooser.Choice> enabled() {
        List<Chooser.Choice> out = new ArrayList<>();
        for (Task t : domain.tasks()) {
            boolean can = switch (t.ctl) {
                case POINT -> true;
                case PARKED -> t.permit;
                case OBSERVING -> t.abort != null || t.timedOut || t.observed.getAsBoolean();
                case RUNNING, DONE -> false;
            };
            if (can) {
                out.add(new Chooser.Choice(t.pid(), t.pending));
            }
        }
        return out;
    }

    /** Moves the clock to the earliest deadline and ends the waits it reaches; false when none. */
    private boolean advanceClock() {
        long next = Long.MAX_VALUE;
        for (Task t : domain.tasks()) {
            if (t.deadline > 0 && (t.ctl == Ctl.PARKED || t.ctl == Ctl.OBSERVING)) {
                next = Math.min(next, t.deadline);
            }
        }
        if (next == Long.MAX_VALUE) {
            return false;
        }
        clock = Math.max(clock, next);
        for (Task t : domain.tasks()) {
            if (t.deadline > 0 && t.deadline <= clock) {
                if (t.ctl == Ctl.PARKED) {
                    t.permit = true;
                } else if (t.ctl == Ctl.OBSERVING) {
                    t.timedOut = true;
                }
            }
        }
        return true;
    }

    /**
     * Cuts the run: aborts every task not ended as HUNG_TASK; each unwinds and exits, and
     * from here on the fallback runs (no choice is asked for or recorded).
     */
    private void abortAll(String why) {
        cut = why;
        domain.atomically(Footprint.GLOBAL, () -> {
            List<Task> left = new ArrayList<>();
            for (Task t : domain.tasks()) {
                if (t.ctl != Ctl.DONE) {
                    left.add(t);
                }
            }
            domain.abort(Hang.Kind.HUNG_TASK, left.get(0), left, left, 0,
                    why + ", at " + clock / 1_000_000 + " ms on the virtual clock");
        });
    }

    private Task task(int pid) {
        for (Task t : domain.tasks()) {
            if (t.pid() == pid) {
                return t;
            }
        }
        throw new IllegalStateException("no task " + pid);
    }
}
