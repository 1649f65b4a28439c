package org.flushcheck.fuzz;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.flushcheck.detect.Verdict;
import org.flushcheck.scenario.Expect;
import org.flushcheck.scenario.Fault;
import org.flushcheck.scenario.Op;
import org.flushcheck.scenario.Scenario;
import org.flushcheck.scenario.ScenarioParser;
import org.flushcheck.scenario.Sizes;
import org.flushcheck.scenario.ThreadSpec;
import org.flushcheck.vm.KernelProfile;
import org.flushcheck.vm.Page;

/**
 * Random scenarios: 1-3 threads of 1-5 operations on one or two files; writes, mmap
 * stores, reads, truncates, fsyncs and closes, with the kernel's writeback, sync, reclaim
 * and afs_ShakeLooseVCaches mixed in; sizes from a few bytes to more than the cache; a
 * small cache, a low dirty-chunk limit, little memory; a writepage error or a failed
 * StoreData now and then.
 *
 * Invariants: scenario {@code i} of seed {@code S} depends on {@code (S, i)} and the
 * generator's design and kernel alone; it is one {@link org.flushcheck.scenario.ScenarioParser}
 * accepts and {@link Workload#problem} finds nothing in. Bounded, so one explored schedule
 * stays short: a cache of at most {@link #MAX_CACHE_PAGES} pages and no file past twice
 * the cache plus two pages.
 */
public final class Generator {

    /** The largest cache generated, in pages: enough for "larger than the cache" to stay fast. */
    static final int MAX_CACHE_PAGES = 32;

    private static final int PAGE = Page.PAGE_SIZE;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final Op.Kind[] SHARED = {Op.Kind.READ, Op.Kind.FSYNC, Op.Kind.CLOSE, Op.Kind.WRITEBACK,
        Op.Kind.SYNC, Op.Kind.RECLAIM, Op.Kind.SHAKE_LOOSE_VCACHES};
    private static final String[] WRITEPAGE_ERRNO = {"EIO", "ENOSPC", "ENOMEM", "EDQUOT"};

    private final long seed;
    private final String design;
    private final String kernel;

    /** Scenarios under {@code design}; on {@code kernel}, or on a kernel drawn per scenario when null. */
    public Generator(long seed, String design, String kernel) {
        this.seed = seed;
        this.design = design;
        this.kernel = kernel;
    }

    /** Scenario {@code index} (0-based) of this seed. */
    public Scenario scenario(int index) {
        SplittableRandom r = new SplittableRandom(seed * GOLDEN + index);
        String k = kernel != null ? kernel : oneOf(r, KernelProfile.values()).label();
        Sizes sizes = sizes(r);
        long cache = (long) sizes.chunkPages() * sizes.cacheChunks() * PAGE;
        int threads = 1 + r.nextInt(3);
        int files = 1 + r.nextInt(Math.min(2, threads));
        List<ThreadSpec> specs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<String> after = t > 0 && r.nextInt(4) == 0 ? List.of(specs.get(r.nextInt(t)).name()) : List.of();
            specs.add(new ThreadSpec("t" + (t + 1), after, ops(r, t < files ? t + 1 : 0, files, cache,
                    ScenarioParser.MAX_MOVED / 3), 0));
        }
        String name = "fuzz-" + (seed < 0 ? "m" + -seed : seed) + "-" + index;
        return new Scenario(name, "", "", "", design, k, sizes, faults(r), specs,
                Expect.everywhere(Verdict.CLEAN));
    }

    private static Sizes sizes(SplittableRandom r) {
        int chunkPages = pick(r, 1, 1, 2, 4);
        int cacheChunks = Math.min(pick(r, 2, 3, 4, 6, 8, 16), MAX_CACHE_PAGES / chunkPages);
        int maxDirty = pick(r, 0, 0, 1, Math.max(1, cacheChunks / 2), cacheChunks);
        long memory = pick(r, 64, 256, 1024, 4096);
        int dirtyRatio = r.nextInt(4) == 0 ? pick(r, 1, 10, 40) : 0;
        int ratelimit = pick(r, 8, 8, 1, 32);
        boolean tmpfs = r.nextInt(10) == 0;
        return new Sizes(memory, dirtyRatio, 0, ratelimit, chunkPages, cacheChunks, maxDirty, 0, tmpfs, true, true);
    }

    private static List<Fault> faults(SplittableRandom r) {
        List<Fault> out = new ArrayList<>();
        if (r.nextInt(4) == 0) {
            out.add(new Fault("afs_linux_writepage", oneOf(r, WRITEPAGE_ERRNO), r.nextInt(4), 1 + r.nextInt(2), 0));
        }
        if (r.nextInt(5) == 0) {
            out.add(new Fault(Fault.STORE_DATA, "EIO", r.nextInt(4), 1, 0));
        }
        return out;
    }

    /**
     * 1-5 operations; data operations only on {@code own} (0: none), the others on any file;
     * at most {@code budget} bytes written, stored and read (a third of what a scenario may
     * move, still more than the largest cache), after which data operations become fsyncs.
     */
    private static List<Op> ops(SplittableRandom r, long own, int files, long cache, long budget) {
        long limit = 2 * cache + 2L * PAGE;
        long left = budget;
        Map<Long, Long> size = new HashMap<>();
        List<Op> ops = new ArrayList<>();
        int n = 1 + r.nextInt(5);
        for (int i = 0; i < n; i++) {
            long fid = own > 0 && r.nextInt(3) > 0 ? own : 1 + r.nextInt(files);
            int roll = r.nextInt(100);
            long now = size.getOrDefault(own, 0L);
            if (left <= 0 && roll < 45) {
                ops.add(Op.of(Op.Kind.FSYNC, fid));
            } else if (own > 0 && (roll < 35 || (roll < 45 && now == 0))) {
                long at = Math.min(offset(r, now, cache), limit - PAGE);
                long bytes = Math.min(Math.min(bytes(r, cache), limit - at), left);
                ops.add(Op.of(Op.Kind.WRITE, own, at, bytes));
                size.put(own, Math.max(now, at + bytes));
                left -= bytes;
            } else if (own > 0 && roll < 45) {
                long at = r.nextLong(now);
                long bytes = Math.min(1 + r.nextLong(Math.min(now - at, bytes(r, cache))), left);
                ops.add(Op.of(Op.Kind.MMAP_STORE, own, at, bytes));
                left -= bytes;
            } else if (own > 0 && roll < 53) {
                long to = oneOf(r, 0L, now / 2, now / PAGE * PAGE, now + PAGE);
                ops.add(Op.of(Op.Kind.TRUNCATE, own, to));
                size.put(own, to);
            } else {
                Op.Kind kind = SHARED[r.nextInt(SHARED.length)];
                if (kind == Op.Kind.READ && left <= 0) {
                    kind = Op.Kind.FSYNC;
                }
                long bytes = Math.min(bytes(r, cache), left);
                ops.add(switch (kind) {
                    case READ -> Op.of(kind, fid, offset(r, now, cache), bytes);
                    case FSYNC, CLOSE -> Op.of(kind, fid);
                    default -> Op.of(kind);
                });
                if (kind == Op.Kind.READ) {
                    left -= bytes;
                }
            }
        }
        return ops;
    }

    /** 0, a page boundary, or any byte, up to a page past {@code size} (or into the cache when empty). */
    private static long offset(SplittableRandom r, long size, long cache) {
        long span = Math.max(size, PAGE) + PAGE;
        return switch (r.nextInt(4)) {
            case 0, 1 -> 0;
            case 2 -> r.nextLong(span / PAGE + 1) * PAGE;
            default -> r.nextLong(Math.min(span, cache));
        };
    }

    /** A few bytes, a page, a few pages, the whole cache, more than the cache, or anything up to it. */
    private static long bytes(SplittableRandom r, long cache) {
        return switch (r.nextInt(6)) {
            case 0 -> 1 + r.nextInt(PAGE - 1);
            case 1 -> PAGE;
            case 2 -> (2 + r.nextInt(3)) * (long) PAGE;
            case 3 -> cache;
            case 4 -> cache + PAGE;
            default -> 1 + r.nextLong(cache + 2L * PAGE);
        };
    }

    @SafeVarargs
    private static <T> T oneOf(SplittableRandom r, T... choices) {
        return choices[r.nextInt(choices.length)];
    }

    private static int pick(SplittableRandom r, int... choices) {
        return choices[r.nextInt(choices.length)];
    }
}
