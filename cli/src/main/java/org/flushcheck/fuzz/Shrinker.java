package org.flushcheck.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.flushcheck.scenario.Fault;
import org.flushcheck.scenario.Op;
import org.flushcheck.scenario.Scenario;
import org.flushcheck.scenario.Sizes;
import org.flushcheck.scenario.ThreadSpec;
import org.flushcheck.vm.KernelProfile;
import org.flushcheck.vm.Page;

/**
 * Shrinks a scenario to a smaller one that still shows a finding, delta-debugging style:
 * fewest threads first, then faults and operations (halves of a thread's list, then
 * single ones), then {@code after} edges, then each number (an offset, a byte count, a
 * size: to 0 or 1, halved, rounded down to a page), then the machine and cache sizes (to
 * their defaults, then halved). A pass whose candidate is kept starts again on the smaller
 * scenario; the whole round repeats until a round keeps nothing or {@code budget}
 * candidates were tried.
 *
 * Invariants: a candidate is tried only if {@link Workload#problem} finds nothing in it
 * and the machine accepts its sizes; the result is the input or a candidate {@code keeps}
 * accepted; the same input, predicate and budget give the same result (the candidates
 * come in a fixed order).
 */
public final class Shrinker {

    /** What shrinking did: the smallest scenario kept, and the candidates tried to find it. */
    public record Result(Scenario scenario, int tried, int kept) {
    }

    private static final int PAGE = Page.PAGE_SIZE;

    private final Predicate<Scenario> keeps;
    private final int budget;

    /** Keeps a candidate when {@code keeps} says so; tries at most {@code budget} candidates. */
    public Shrinker(Predicate<Scenario> keeps, int budget) {
        this.keeps = keeps;
        this.budget = budget;
    }

    public Result shrink(Scenario start) {
        List<Function<Scenario, List<Scenario>>> passes = List.of(Shrinker::dropThreads, Shrinker::dropFaults,
                Shrinker::dropOps, Shrinker::dropAfter, Shrinker::smallerNumbers, Shrinker::smallerFaults,
                Shrinker::simplerSizes);
        Scenario best = start;
        int tried = 0;
        int kept = 0;
        boolean round = true;
        while (round && tried < budget) {
            round = false;
            for (Function<Scenario, List<Scenario>> pass : passes) {
                boolean again = true;
                while (again && tried < budget) {
                    again = false;
                    for (Scenario c : pass.apply(best)) {
                        if (tried >= budget) {
                            break;
                        }
                        if (c.equals(best) || !runnable(c)) {
                            continue;
                        }
                        tried++;
                        if (keeps.test(c)) {
                            best = c;
                            kept++;
                            again = true;
                            round = true;
                            break;
                        }
                    }
                }
            }
        }
        return new Result(best, tried, kept);
    }

    private static boolean runnable(Scenario s) {
        if (s.threads().isEmpty() || s.threads().stream().anyMatch(t -> t.ops().isEmpty())
                || Workload.problem(s) != null) {
            return false;
        }
        try {
            s.sizes().afsConfig();
            s.sizes().vmConfig(KernelProfile.named(s.kernel()));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Without one thread (the others no longer wait for it). */
    static List<Scenario> dropThreads(Scenario s) {
        List<Scenario> out = new ArrayList<>();
        for (ThreadSpec gone : s.threads()) {
            List<ThreadSpec> rest = new ArrayList<>();
            for (ThreadSpec t : s.threads()) {
                if (!t.name().equals(gone.name())) {
                    rest.add(new ThreadSpec(t.name(), t.after().stream().filter(a -> !a.equals(gone.name())).toList(),
                            t.ops(), t.line()));
                }
            }
            out.add(threads(s, rest));
        }
        return out;
    }

    static List<Scenario> dropFaults(Scenario s) {
        List<Scenario> out = new ArrayList<>();
        for (int i = 0; i < s.faults().size(); i++) {
            List<Fault> rest = new ArrayList<>(s.faults());
            rest.remove(i);
            out.add(faults(s, rest));
        }
        return out;
    }

    /** Without a run of a thread's operations: halves first, then quarters, down to single ones. */
    static List<Scenario> dropOps(Scenario s) {
        List<Scenario> out = new ArrayList<>();
        for (int t = 0; t < s.threads().size(); t++) {
            List<Op> ops = s.threads().get(t).ops();
            for (int len = Math.max(1, ops.size() / 2); ; len = Math.max(1, len / 2)) {
                for (int from = 0; from < ops.size(); from += len) {
                    List<Op> rest = new ArrayList<>(ops.subList(0, from));
                    rest.addAll(ops.subList(Math.min(ops.size(), from + len), ops.size()));
                    out.add(ops(s, t, rest));
                }
                if (len == 1) {
                    break;
                }
            }
        }
        return out;
    }

    static List<Scenario> dropAfter(Scenario s) {
        List<Scenario> out = new ArrayList<>();
        for (int t = 0; t < s.threads().size(); t++) {
            ThreadSpec spec = s.threads().get(t);
            if (!spec.after().isEmpty()) {
                List<ThreadSpec> all = new ArrayList<>(s.threads());
                all.set(t, new ThreadSpec(spec.name(), List.of(), spec.ops(), spec.line()));
                out.add(threads(s, all));
            }
        }
        return out;
    }

    /** Each numeric argument smaller: 0 (1 for a byte count), halved, or rounded down to a page. */
    static List<Scenario> smallerNumbers(Scenario s) {
        List<Scenario> out = new ArrayList<>();
        for (int t = 0; t < s.threads().size(); t++) {
            List<Op> ops = s.threads().get(t).ops();
            for (int i = 0; i < ops.size(); i++) {
                Op op = ops.get(i);
                for (Map.Entry<String, Long> a : op.args().entrySet()) {
                    if (a.getKey().equals("file")) {
                        continue;
                    }
                    long v = a.getValue();
                    long floor = a.getKey().equals("bytes") ? 1 : 0;
                    for (long smaller : new long[] {floor, v / PAGE * PAGE, v / 2, v - PAGE}) {
                        if (smaller >= floor && smaller < v) {
                            List<Op> changed = new ArrayList<>(ops);
                            changed.set(i, with(op, a.getKey(), smaller));
                            out.add(ops(s, t, changed));
                        }
                    }
                }
            }
        }
        return out;
    }

    /** A fault that fires at once, once, with EIO. */
    static List<Scenario> smallerFaults(Scenario s) {
        List<Scenario> out = new ArrayList<>();
        for (int i = 0; i < s.faults().size(); i++) {
            Fault f = s.faults().get(i);
            for (Fault g : List.of(new Fault(f.function(), f.errno(), 0, f.times(), f.line()),
                    new Fault(f.function(), f.errno(), f.skip(), 1, f.line()),
                    new Fault(f.function(), "EIO", f.skip(), f.times(), f.line()))) {
                List<Fault> all = new ArrayList<>(s.faults());
                all.set(i, g);
                out.add(faults(s, all));
            }
        }
        return out;
    }

    /**
     * The machine and cache simpler: memory, ratios, ratelimit, dirty-chunk limit and tmpfs
     * back to their defaults (where a scenario file can leave them out), then memory, chunk
     * and cache halved. Sizes as an array, by field: memory, dirty, background, ratelimit,
     * chunk, cache, max dirty, latency, tmpfs.
     */
    static List<Scenario> simplerSizes(Scenario s) {
        long[] z = fields(s.sizes());
        long[] d = fields(Sizes.DEFAULTS);
        List<long[]> out = new ArrayList<>();
        for (int f : new int[] {0, 1, 2, 3, 6, 8}) {
            out.add(set(z, f, d[f]));
        }
        for (int f : new int[] {0, 4, 5}) {
            out.add(set(z, f, Math.max(1, z[f] / 2)));
        }
        out.add(set(set(z, 5, Math.max(1, z[5] / 2)), 6, Math.min(z[6], Math.max(1, z[5] / 2))));
        return out.stream().map(f -> s.with(sizes(f, s.sizes()))).toList();
    }

    private static long[] fields(Sizes z) {
        return new long[] {z.memoryPages(), z.dirtyRatio(), z.backgroundRatio(), z.ratelimitPages(), z.chunkPages(),
            z.cacheChunks(), z.maxDirtyChunks(), z.fileserverLatency(), z.cacheOnTmpfs() ? 1 : 0};
    }

    private static long[] set(long[] fields, int field, long value) {
        long[] out = fields.clone();
        out[field] = value;
        return out;
    }

    private static Sizes sizes(long[] f, Sizes fixes) {
        return new Sizes(f[0], (int) f[1], (int) f[2], (int) f[3], (int) f[4], (int) f[5], (int) f[6], (int) f[7],
                f[8] != 0, fixes.truncateDaemonFix(), fixes.storeReleasesLeftovers());
    }

    private static Op with(Op op, String arg, long value) {
        Map<String, Long> args = new LinkedHashMap<>();
        op.kind().fields.forEach(f -> args.put(f, f.equals(arg) ? value : op.arg(f)));
        return new Op(op.kind(), args, op.threads(), op.line());
    }

    private static Scenario ops(Scenario s, int thread, List<Op> ops) {
        List<ThreadSpec> all = new ArrayList<>(s.threads());
        ThreadSpec t = all.get(thread);
        all.set(thread, new ThreadSpec(t.name(), t.after(), ops, t.line()));
        return threads(s, all);
    }

    private static Scenario threads(Scenario s, List<ThreadSpec> threads) {
        return new Scenario(s.name(), s.source(), s.story(), s.matches(), s.design(), s.kernel(), s.sizes(),
                s.faults(), threads, s.expect());
    }

    private static Scenario faults(Scenario s, List<Fault> faults) {
        return new Scenario(s.name(), s.source(), s.story(), s.matches(), s.design(), s.kernel(), s.sizes(), faults,
                s.threads(), s.expect());
    }
}
