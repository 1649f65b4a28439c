package org.flushcheck.cli;

import org.flushcheck.explore.Search;
import picocli.CommandLine.Option;

/** The explorer's bounds, shared by {@code run} and {@code verify}. */
final class ExploreOptions {

    @Option(names = "--k", paramLabel = "K", description = "dfs: at most K preemptions per schedule (default 2)")
    int k = 2;

    @Option(names = "--depth", paramLabel = "D", description = "pct: the bug depth d (default 3)")
    int depth = 3;

    @Option(names = "--seed", paramLabel = "S", description = "pct and random: the seed (default 1)")
    long seed = 1;

    @Option(names = "--schedules", paramLabel = "N", description = "at most N schedules per cell (default: run 200,"
            + " verify 30)")
    Integer schedules;

    @Option(names = "--shard", paramLabel = "I/N", description = "dfs: explore shard I of N (1-based), e.g. 2/4")
    String shard;

    /** The search these options name, for strategy {@code kind}, with {@code budget} schedules unless given. */
    Search search(String kind, int budget) {
        int schedules = this.schedules == null ? budget : this.schedules;
        if (k < -1 || k > 64) {
            throw new IllegalArgumentException("--k " + k + " must be in 0..64 (or -1 for no bound)");
        }
        if (schedules < 1 || schedules > 100_000_000) {
            throw new IllegalArgumentException("--schedules " + schedules + " must be in 1..100000000");
        }
        Search s = new Search(kind, k, depth, seed, schedules, 0, 1, Search.MAX_STEPS);
        if (shard == null) {
            return s;
        }
        String[] parts = shard.split("/", -1);
        try {
            if (parts.length == 2) {
                int i = Integer.parseInt(parts[0]);
                int n = Integer.parseInt(parts[1]);
                if (n >= 1 && i >= 1 && i <= n) {
                    return s.shard(i - 1, n);
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--shard " + shard + " must be I/N with 1 <= I <= N, e.g. 2/4");
    }
}
