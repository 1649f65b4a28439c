package org.flushcheck.detect;

import java.util.List;
import org.flushcheck.sync.Hang;
import org.flushcheck.sync.Held;
import org.flushcheck.sync.LockClass;
import org.flushcheck.sync.LockingViolation;
import org.flushcheck.sync.Mode;
import org.flushcheck.sync.Poll;
import org.flushcheck.sync.Site;
import org.flushcheck.sync.TaskState;
import org.flushcheck.sync.Wait;

/**
 * Renders findings as the text kernel developers already read: lockdep's
 * {@code possible circular locking dependency detected} and {@code possible recursive
 * locking detected} splats (kernel/locking/lockdep.c), khungtaskd's {@code blocked for
 * more than N seconds}, and BUG reports. Two departures, both forced by the model: a
 * lock prints as {@code (class){M}} with its mode letter (E, R, S, W) where lockdep
 * prints an address and usage bits, and a site is a model function with its source
 * line where lockdep prints a stack. Golden files pin every format.
 */
public final class Splat {

    static final String IDENT = "flushcheck model";
    private static final String COLUMN = "                        ";

    private Splat() {
    }

    /** A circular dependency (lockdep's print_circular_bug) or recursive locking. */
    public static String inversion(Inversion inv) {
        if (inv.recursive()) {
            return recursion(inv);
        }
        List<Dependency> cycle = inv.cycle();
        Dependency closing = inv.closing();
        StringBuilder s = header("WARNING: possible circular locking dependency detected");
        s.append(inv.task().name()).append(" is trying to acquire lock:\n");
        lock(s, closing.to(), closing.toMode(), closing.toSite());
        s.append("\nbut task is already holding lock:\n");
        lock(s, closing.from(), closing.fromMode(), closing.fromSite());
        s.append("\nwhich lock already depends on the new lock.\n\n");
        s.append("\nthe existing dependency chain (in reverse order) is:\n");
        for (int i = cycle.size() - 1; i >= 0; i--) {
            Dependency d = cycle.get(i);
            s.append("\n-> #").append(i).append(' ').append(name(d.to(), d.toMode())).append(":\n");
            s.append("       ").append(d.toSite()).append('\n');
            s.append("       by ").append(d.task()).append(", holding ").append(name(d.from(), d.fromMode()))
                    .append(" taken at ").append(d.fromSite()).append('\n');
        }
        s.append("\nother info that might help us debug this:\n\n");
        LockClass source = closing.to();
        LockClass target = closing.from();
        Dependency parentEdge = cycle.get(cycle.size() - 1);
        if (cycle.size() > 2) {
            s.append("Chain exists of:\n  ").append(source).append(" --> ").append(parentEdge.from())
                    .append(" --> ").append(target).append("\n\n");
        }
        s.append(" Possible unsafe locking scenario:\n\n");
        s.append("       CPU0                    CPU1\n");
        s.append("       ----                    ----\n");
        s.append("  ").append(call(target, closing.fromMode())).append('\n');
        s.append("       ").append(COLUMN).append(call(parentEdge.from(), parentEdge.fromMode())).append('\n');
        s.append("       ").append(COLUMN).append(call(target, parentEdge.toMode())).append('\n');
        s.append("  ").append(call(source, closing.toMode())).append('\n');
        s.append("\n *** DEADLOCK ***\n\n");
        heldLocks(s, inv.task());
        return s.toString();
    }

    /** lockdep's print_deadlock_bug: a class taken while an instance of it is held. */
    private static String recursion(Inversion inv) {
        Dependency d = inv.closing();
        StringBuilder s = header("WARNING: possible recursive locking detected");
        s.append(inv.task().name()).append(" is trying to acquire lock:\n");
        lock(s, d.to(), d.toMode(), d.toSite());
        s.append("\nbut task is already holding lock:\n");
        lock(s, d.from(), d.fromMode(), d.fromSite());
        s.append("\nother info that might help us debug this:\n");
        s.append(" Possible unsafe locking scenario:\n\n");
        s.append("       CPU0\n");
        s.append("       ----\n");
        s.append("  ").append(call(d.from(), d.fromMode())).append('\n');
        s.append("  ").append(call(d.to(), d.toMode())).append('\n');
        s.append("\n *** DEADLOCK ***\n\n");
        s.append(" May be due to missing lock nesting notation\n\n");
        heldLocks(s, inv.task());
        return s.toString();
    }

    /** An observed dependency the declared order refuses. */
    public static String orderViolation(OrderViolation v) {
        Dependency d = v.dependency();
        StringBuilder s = header("WARNING: lock order violation against the declared order");
        s.append(v.task().name()).append(" is trying to acquire lock:\n");
        lock(s, d.to(), d.toMode(), d.toSite());
        s.append("\nbut task is already holding lock:\n");
        lock(s, d.from(), d.fromMode(), d.fromSite());
        s.append("\nwhich the declared order does not allow: ").append(v.reason()).append(".\n");
        s.append("\nthe declared order is:\n\n").append(v.order().render()).append('\n');
        heldLocks(s, v.task());
        return s.toString();
    }

    /**
     * A controlled run cut short (its step bound reached, or no task able to run with none
     * waiting on a deadline): no task was found blocked too long, so no "blocked for more
     * than" line; each task left says where it is, waiting (the wait and its site) or
     * running between two steps.
     */
    private static String cut(Hang h) {
        StringBuilder s = header("INFO: the controlled run was cut before it ended");
        s.append("Cut: ").append(h.cut()).append(".\n");
        s.append("A livelock, or a run longer than the bound: every task left is reported.\n");
        for (TaskState b : h.stuck()) {
            s.append("task:").append(b.comm()).append(" pid:").append(b.pid()).append("\n  ")
                    .append(b.waiting() != null ? b.waiting() : "running (cut between two steps)").append('\n');
        }
        allLocks(s, h);
        return s.toString();
    }

    /** A reached deadlock, a stall, or a hung task: the chain of waits and every task's locks. */
    public static String hang(Hang h) {
        List<TaskState> chain = h.chain();
        StringBuilder s;
        switch (h.kind()) {
            case DEADLOCK -> {
                s = header("WARNING: circular locking deadlock reached");
                s.append(chain.size()).append(chain.size() == 1 ? " task waits" : " tasks wait")
                        .append(" in a cycle; detected by pid ").append(h.detectedBy())
                        .append(" before parking.\n");
            }
            case STALL -> {
                s = header("WARNING: stalled wait detected: nothing can end it");
                s.append(h.stuck().size()).append(h.stuck().size() == 1 ? " task waits" : " tasks wait")
                        .append(" for a lock whose owner is gone or an event no live task can wake.\n");
                if (h.stuck().stream().anyMatch(t -> t.waiting() != null && t.waiting().isPoll())) {
                    s.append("A poll(...) wait is a retry loop (congestion_wait, afs_osi_Wait) whose last ")
                            .append(Poll.FUTILE).append(" tries timed out with no progress, and no task left can\n")
                            .append("make the progress it polls for: it would poll forever.\n");
                }
            }
            default -> {
                if (h.cut() != null) {
                    return cut(h);
                }
                TaskState t = chain.get(0);
                s = new StringBuilder("INFO: task ").append(t.comm()).append(':').append(t.pid())
                        .append(" blocked for more than ").append(h.blockedNanos() / 1_000_000_000L)
                        .append(" seconds.\n      ").append(IDENT).append('\n');
                s.append("The hung-task bound of the detectors (Detectors.Builder.hungTask) fired.\n");
                for (TaskState b : h.stuck()) {
                    s.append("task:").append(b.comm()).append(" state:D pid:").append(b.pid())
                            .append("\n  ").append(b.waiting()).append('\n');
                }
                allLocks(s, h);
                return s.toString();
            }
        }
        s.append("\nthe chain of waits is:\n");
        for (TaskState t : chain) {
            s.append("  ").append(t.name()).append(" in state ").append(t.state());
            if (t.waiting() != null) {
                s.append(": ").append(t.waiting());
            }
            s.append('\n');
        }
        if (h.kind() == Hang.Kind.DEADLOCK && chain.size() > 1) {
            scenario(s, chain);
        }
        s.append(h.kind() == Hang.Kind.DEADLOCK ? "\n *** DEADLOCK ***\n" : "\n *** STALL ***\n");
        allLocks(s, h);
        return s.toString();
    }

    /** khungtaskd's "Showing all locks held in the system:" (debug_show_all_locks). */
    private static void allLocks(StringBuilder s, Hang h) {
        s.append("\nShowing all locks held in the system:\n");
        boolean any = false;
        for (TaskState t : h.all()) {
            if (!t.held().isEmpty()) {
                heldLocks(s, t);
                any = true;
            }
        }
        if (!any) {
            s.append("no locks held by any task.\n");
        }
    }

    /** A broken strict rule. */
    public static String violation(LockingViolation v) {
        String title = "BUG: " + v.rule().title();
        StringBuilder s = new StringBuilder("\n").append("=".repeat(title.length())).append('\n')
                .append(title).append('\n').append(IDENT).append('\n')
                .append("-".repeat(title.length())).append('\n');
        s.append(v.getMessage().substring(title.length() + 2)).append("\n\n");
        heldLocks(s, v.task());
        return s.toString();
    }

    /** The generalised CPUn table: who took what, then who blocks on what. */
    private static void scenario(StringBuilder s, List<TaskState> chain) {
        s.append("\n Deadlock scenario:\n\n");
        StringBuilder names = new StringBuilder("       ");
        StringBuilder rule = new StringBuilder("       ");
        for (TaskState t : chain) {
            names.append(pad(t.name()));
            rule.append(pad("----"));
        }
        s.append(names.toString().stripTrailing()).append('\n').append(rule.toString().stripTrailing())
                .append('\n');
        int n = chain.size();
        for (int i = 0; i < n; i++) {
            Wait w = chain.get(i).waiting();
            int holder = (i + 1) % n;
            Held h = heldEntry(chain.get(holder), w);
            row(s, holder, call(w.resource().lockClass(), h == null ? w.mode() : h.mode()));
        }
        for (int i = 0; i < n; i++) {
            Wait w = chain.get(i).waiting();
            row(s, i, w.verb() + "(" + w.resource().lockClass() + ");");
        }
    }

    private static Held heldEntry(TaskState t, Wait w) {
        for (Held h : t.held()) {
            if (h.resource() == w.resource()) {
                return h;
            }
        }
        return null;
    }

    /** Column 0 starts at 2 like lockdep's CPU0 rows, column k at 7 + 24k like CPU1's. */
    private static void row(StringBuilder s, int column, String text) {
        s.append(" ".repeat(column == 0 ? 2 : 7 + COLUMN.length() * column)).append(text).append('\n');
    }

    private static String pad(String text) {
        return text.length() >= COLUMN.length() ? text + " " : text + COLUMN.substring(text.length());
    }

    private static StringBuilder header(String title) {
        String bar = "=".repeat(title.length());
        return new StringBuilder("\n").append(bar).append('\n').append(title).append('\n')
                .append(IDENT).append('\n').append("-".repeat(title.length())).append('\n');
    }

    private static void lock(StringBuilder s, LockClass c, Mode m, Site site) {
        s.append(' ').append(name(c, m)).append(", at: ").append(site).append('\n');
    }

    private static String name(LockClass c, Mode m) {
        return "(" + c + "){" + m.letter() + "}";
    }

    private static String call(LockClass c, Mode m) {
        return m.verb() + "(" + c + ");";
    }

    /** lockdep_print_held_locks. */
    private static void heldLocks(StringBuilder s, TaskState t) {
        List<Held> held = t.held();
        if (held.isEmpty()) {
            s.append("no locks held by ").append(t.name()).append(".\n");
            return;
        }
        s.append(held.size()).append(held.size() > 1 ? " locks" : " lock").append(" held by ")
                .append(t.name()).append(":\n");
        for (int i = 0; i < held.size(); i++) {
            Held h = held.get(i);
            s.append(" #").append(i).append(": ").append(name(h.lockClass(), h.mode())).append(", at: ")
                    .append(h.site()).append('\n');
        }
    }
}
