package org.flushcheck.detect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flushcheck.sync.Hang;
import org.flushcheck.sync.Held;
import org.flushcheck.sync.LockClass;
import org.flushcheck.sync.LockingViolation;
import org.flushcheck.sync.Mode;
import org.flushcheck.sync.Observer;
import org.flushcheck.sync.Site;
import org.flushcheck.sync.Stuck;
import org.flushcheck.sync.Task;

/**
 * The detectors of one run, plugged into a {@link org.flushcheck.sync.Domain} as its
 * observer: the wait-for graph (DEADLOCK, STALL), the lock-class graph (INVERSION),
 * the declared-order check (ORDER_VIOLATION) and the hung-task watchdog (HUNG_TASK),
 * plus the strict-rule BUGs the primitives raise. Every finding is rendered once, in
 * the format users read, and kept in order of discovery.
 *
 * <p>Observer callbacks run under the domain monitor; {@link #findings()} may be read
 * from any thread.
 */
public final class Detectors implements Observer {

    private final boolean waitFor;
    private final LockClassGraph graph;
    private final LockOrder order;
    private final boolean reportInversions;
    private final long hungTaskNanos;
    private final EntryPoints entryPoints;
    private final Set<List<LockClass>> orderChecked = new HashSet<>();
    private final List<Finding> findings = new CopyOnWriteArrayList<>();

    private Detectors(Builder b) {
        this.waitFor = b.waitFor;
        this.graph = b.lockdep || b.order != null ? new LockClassGraph() : null;
        this.order = b.order;
        this.hungTaskNanos = b.hungTask.toNanos();
        this.entryPoints = b.entryPoints.isEmpty() ? null : new EntryPoints(b.entryPoints);
        this.reportInversions = b.lockdep;
    }

    /** Every detector on, no declared order, the watchdog at {@link Builder#DEFAULT_HUNG_TASK}. */
    public static Detectors all() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Everything found so far, in order of discovery. */
    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    /**
     * Adds a finding of a judge outside the sync layer (the scenario runner's file
     * oracle): it counts in {@link #verdict()} like the detectors' own.
     */
    public void report(Finding f) {
        findings.add(f);
    }

    /** The findings of one verdict. */
    public List<Finding> findings(Verdict verdict) {
        return findings.stream().filter(f -> f.verdict() == verdict).toList();
    }

    /** The run's verdict: its worst finding, or CLEAN. */
    public Verdict verdict() {
        Verdict v = Verdict.CLEAN;
        for (Finding f : findings) {
            v = v.worst(f.verdict());
        }
        return v;
    }

    /** Every lock-class dependency observed, in order first seen (empty when lockdep is off). */
    public List<Dependency> dependencies() {
        return graph == null ? List.of() : graph.edges();
    }

    /** What the watched entry points did with each lock (empty unless asked for). */
    public EntryPoints entryPoints() {
        return entryPoints == null ? new EntryPoints(Set.of()) : entryPoints;
    }

    @Override
    public boolean recordsSites() {
        return graph != null || entryPoints != null;
    }

    @Override
    public boolean recordsCallers() {
        return entryPoints != null;
    }

    @Override
    public void dependency(Task task, LockClass lockClass, Mode mode, Site site, List<Held> held) {
        if (entryPoints != null) {
            entryPoints.record(lockClass, site, held);
        }
        if (graph == null) {
            return;
        }
        for (Held h : held) {
            Dependency d = new Dependency(h.lockClass(), h.mode(), h.site(), lockClass, mode, site,
                    task.name());
            record(task, d);
            if (order != null && orderChecked.add(List.of(d.from(), d.to()))
                    && !order.allows(d.from(), d.to())) {
                OrderViolation v = new OrderViolation(task.snapshot(), d, order);
                findings.add(new Finding(Verdict.ORDER_VIOLATION, d.from() + " -> " + d.to() + ": "
                        + v.reason(), Splat.orderViolation(v), List.of(d.from().toString(),
                        d.to().toString())));
            }
        }
    }

    @Override
    public void acquired(Task task, Held acquired, List<Held> held) {
        if (entryPoints != null) {
            entryPoints.record(acquired.lockClass(), acquired.site(),
                    held.subList(0, Math.max(0, held.size() - 1)));
        }
    }

    @Override
    public void wakeup(Task task, LockClass event, Site site, List<Held> held) {
        if (graph == null) {
            return;
        }
        for (Held h : held) {
            record(task, new Dependency(event, Mode.EXCLUSIVE, site, h.lockClass(), h.mode(),
                    h.site(), task.name()));
        }
    }

    private void record(Task task, Dependency d) {
        List<List<Dependency>> cycles = new ArrayList<>();
        graph.add(d, cycles);
        if (!reportInversions) {
            return;
        }
        for (List<Dependency> cycle : cycles) {
            Inversion inv = new Inversion(task.snapshot(), cycle);
            String title = inv.recursive()
                    ? "possible recursive locking of " + d.to()
                    : "possible circular locking dependency: " + chain(cycle);
            findings.add(new Finding(Verdict.INVERSION, title, Splat.inversion(inv),
                    cycle.stream().map(c -> c.from().toString()).toList()));
        }
    }

    private static String chain(List<Dependency> cycle) {
        StringBuilder s = new StringBuilder(cycle.get(0).from().toString());
        for (Dependency d : cycle) {
            s.append(" -> ").append(d.to());
        }
        return s.toString();
    }

    @Override
    public Stuck checkPark(Task task, Collection<Task> tasks) {
        return waitFor ? WaitForGraph.check(task, tasks) : null;
    }

    @Override
    public Stuck checkExit(Task task, Collection<Task> tasks) {
        return waitFor ? WaitForGraph.check(task, tasks) : null;
    }

    @Override
    public long hungTaskNanos() {
        return hungTaskNanos;
    }

    @Override
    public void hang(Hang hang) {
        Verdict v = switch (hang.kind()) {
            case DEADLOCK -> Verdict.DEADLOCK;
            case STALL -> Verdict.STALL;
            case HUNG_TASK -> Verdict.HUNG_TASK;
        };
        List<String> waits = hang.chain().stream().filter(t -> t.waiting() != null)
                .map(t -> t.waiting().resource().lockClass().toString()).toList();
        findings.add(new Finding(v, hang.summary(), Splat.hang(hang), waits));
    }

    @Override
    public void violation(LockingViolation violation) {
        findings.add(new Finding(Verdict.BUG, violation.getMessage(), Splat.violation(violation),
                List.of()));
    }

    /** Which detectors run, and with what declared order and watchdog bound. */
    public static final class Builder {

        /** Long enough that only a real hang trips it on a loaded 2-core CI machine. */
        public static final Duration DEFAULT_HUNG_TASK = Duration.ofSeconds(60);

        private boolean waitFor = true;
        private boolean lockdep = true;
        private LockOrder order;
        private Duration hungTask = DEFAULT_HUNG_TASK;
        private Set<String> entryPoints = Set.of();

        private Builder() {
        }

        public Builder waitFor(boolean on) {
            this.waitFor = on;
            return this;
        }

        public Builder lockdep(boolean on) {
            this.lockdep = on;
            return this;
        }

        public Builder order(LockOrder declared) {
            this.order = declared;
            return this;
        }

        /** The watchdog bound; {@link Duration#ZERO} turns it off (e.g. under Lincheck). */
        public Builder hungTask(Duration bound) {
            if (bound.isNegative()) {
                throw new IllegalArgumentException("hung-task bound must not be negative: " + bound);
            }
            this.hungTask = bound;
            return this;
        }

        /** Records what these entry points (C function names) take and hold, for locking tables. */
        public Builder entryPoints(Set<String> names) {
            this.entryPoints = Set.copyOf(names);
            return this;
        }

        public Detectors build() {
            return new Detectors(this);
        }
    }
}
