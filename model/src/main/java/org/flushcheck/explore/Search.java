package org.flushcheck.explore;

/**
 * What to explore: a strategy and its bounds, as a user names them ({@code dfs k=2},
 * {@code pct d=3 seed=1}, {@code random seed=7}) with a budget of schedules. Each
 * exploration makes a fresh {@link Strategy} from it.
 *
 * @param kind     {@code dfs}, {@code pct} or {@code random}
 * @param k        dfs: the preemption bound (negative: none)
 * @param depth    pct: the bug depth d
 * @param seed     pct and random: the seed
 * @param budget   at most this many schedules (runs counted for the strategy)
 * @param shard    dfs: this shard, 0-based
 * @param shards   dfs: how many shards share the search
 * @param maxSteps the step bound of each run: a run still going after this many steps is
 *                 taken for a livelock, cut and reported ({@link #MAX_STEPS} unless a test
 *                 asks for less)
 */
public record Search(String kind, int k, int depth, long seed, int budget, int shard, int shards, int maxSteps) {

    /**
     * The step bound of a controlled run unless told otherwise. A page written costs
     * about a hundred steps, and one that must wait for the cache to drain (a one-chunk
     * cache) several hundred, so the largest scenario the parser accepts still ends
     * within it.
     */
    public static final int MAX_STEPS = 100_000;

    public Search {
        if (!kind.equals("dfs") && !kind.equals("pct") && !kind.equals("random")) {
            throw new IllegalArgumentException("unknown strategy '" + kind + "': dfs, pct or random");
        }
        if (budget < 1) {
            throw new IllegalArgumentException("a budget of " + budget + " schedules explores nothing");
        }
        if (kind.equals("pct") && depth < 1) {
            throw new IllegalArgumentException("pct depth " + depth + " must be at least 1");
        }
        if (shards < 1 || shard < 0 || shard >= shards) {
            throw new IllegalArgumentException("shard " + (shard + 1) + "/" + shards + " does not exist");
        }
        if (maxSteps < 1) {
            throw new IllegalArgumentException("a step bound of " + maxSteps + " runs nothing");
        }
    }

    public static Search dfs(int k, int budget) {
        return new Search("dfs", k, 0, 0, budget, 0, 1, MAX_STEPS);
    }

    public static Search pct(int depth, long seed, int budget) {
        return new Search("pct", 0, depth, seed, budget, 0, 1, MAX_STEPS);
    }

    public static Search random(long seed, int budget) {
        return new Search("random", 0, 0, seed, budget, 0, 1, MAX_STEPS);
    }

    /** The same search, shard {@code i} (0-based) of {@code n}. */
    public Search shard(int i, int n) {
        return new Search(kind, k, depth, seed, budget, i, n, maxSteps);
    }

    /** The same search with another budget. */
    public Search budget(int schedules) {
        return new Search(kind, k, depth, seed, schedules, shard, shards, maxSteps);
    }

    /** The same search with another step bound per run. */
    public Search maxSteps(int steps) {
        return new Search(kind, k, depth, seed, budget, shard, shards, steps);
    }

    Strategy strategy() {
        return switch (kind) {
            case "dfs" -> new Dfs(k, shard, shards);
            case "pct" -> new Pct(seed, depth);
            default -> new RandomWalk(seed);
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case "dfs" -> "dfs k=" + k + (shards > 1 ? " shard " + (shard + 1) + "/" + shards : "");
            case "pct" -> "pct d=" + depth + " seed=" + seed;
            default -> "random seed=" + seed;
        } + ", " + budget + " schedules";
    }
}
