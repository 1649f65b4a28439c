package org.flushcheck.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.flushcheck.scenario.FileHistory.Operation;

/**
 * The search for a linearization of one file's history (Wing and Gong's algorithm with
 * Lowe's memoisation, as Porcupine and Knossos run it): an order of its operations that
 * respects real time and in which every read returns what it returned and the file ends
 * as {@code accept} wants (the fileserver's bytes).
 *
 * <p>Invariants:
 * <ul>
 * <li>Real time: an operation may come next only if no operation still to place ended
 * before it began. Overlapping operations are free to go either way, except that a part
 * of a split write comes after its previous page ({@link Operation#after}).</li>
 * <li>An optional operation (it failed or returned an error) is placed either with its
 * effect or without it.</li>
 * <li>Memo: a configuration is the set of operations placed and the file's state; one
 * already searched is not searched again (Lowe). States are remembered by length and a
 * 64-bit digest rather than a copy each: a false "already searched" needs two different
 * states of one set to collide in 64 bits.</li>
 * <li>Candidates are tried in the order the operations completed, so a sequential run
 * finds its one order at once, and the first full order tried is the completion order.</li>
 * </ul>
 *
 * <p>Bounds: at most {@link #MAX_OPERATIONS} operations per file, {@link #BUDGET}
 * configurations and {@link #BYTES_BUDGET} bytes of states copied per search (well under a
 * second). A history beyond them is {@link Result.TooBig}, which the runner reports as a
 * BUG, never a hang nor a verdict.
 */
final class Linearization {

    /** Operations per file the search takes (the placed set is one long). */
    static final int MAX_OPERATIONS = 64;

    /** Configurations one search may visit. */
    static final int BUDGET = 200_000;

    /** Bytes of file state one search may copy (a big file's states cost by their size). */
    static final long BYTES_BUDGET = 1L << 30;

    /** What a search found. */
    sealed interface Result {
        /** An order that explains the history. */
        record Found(List<Operation> order) implements Result { }

        /**
         * No order explains it. {@code prefix} is the longest order that explained the
         * reads in it, {@code state} the file after it, {@code refused} the reads that
         * could have come next there but saw other bytes (empty when the end state is what
         * no order reached).
         */
        record None(List<Operation> prefix, SequentialFile state, List<Operation> refused, int visited)
                implements Result { }

        /** The history is beyond the search's bounds. */
        record TooBig(String why) implements Result { }
    }

    private final List<Operation> ops;
    private final Predicate<SequentialFile> accept;
    private final Set<Key> seen = new HashSet<>();
    private final List<Operation> prefix = new ArrayList<>();
    private Result.None deepest;
    private long copied;
    /** For each operation, the index of the one it must come after, or -1. */
    private final int[] after;

    private record Key(long placed, int length, long digest) { }

    private Linearization(List<Operation> ops, Predicate<SequentialFile> accept) {
        this.ops = ops.stream().sorted(Comparator.comparingLong(Operation::end)).toList();
        this.accept = accept;
        this.after = new int[this.ops.size()];
        for (int i = 0; i < after.length; i++) {
            after[i] = this.ops.indexOf(this.ops.get(i).after());
        }
    }


    /** Searches {@code history}, starting from an empty file, for an order whose end state {@code accept} takes. */
    static Result search(FileHistory history, Predicate<SequentialFile> accept) {
        List<Operation> ops = history.operations();
        if (ops.size() > MAX_OPERATIONS) {
            return new Result.TooBig(ops.size() + " operations on one file (the oracle takes " + MAX_OPERATIONS + ")");
        }
        Linearization l = new Linearization(ops, accept);
        try {
            List<Operation> order = l.place(0L, new SequentialFile());
            return order != null ? new Result.Found(order)
                    : new Result.None(l.deepest.prefix(), l.deepest.state(), l.deepest.refused(), l.seen.size());
        } catch (Budget e) {
            return new Result.TooBig("more than " + BUDGET + " configurations, or " + BYTES_BUDGET
                    + " bytes of file states, of " + ops.size() + " operations to search");
        }
    }

    /** The order of the operations not in {@code placed} that explains them from {@code state}, or null. */
    private List<Operation> place(long placed, SequentialFile state) {
        if (placed == all()) {
            note(state, List.of());
            return accept.test(state) ? List.copyOf(prefix) : null;
        }
        if (!seen.add(new Key(placed, state.length(), state.digest()))) {
            return null;
        }
        if (seen.size() > BUDGET) {
            throw new Budget();
        }
        long firstEnd = Long.MAX_VALUE;
        for (int i = 0; i < ops.size(); i++) {
            if ((placed & 1L << i) == 0) {
                firstEnd = Math.min(firstEnd, ops.get(i).end());
            }
        }
        List<Operation> refused = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            Operation op = ops.get(i);
            if ((placed & 1L << i) != 0 || op.begin() > firstEnd || (after[i] >= 0 && (placed & 1L << after[i]) == 0)) {
                continue;
            }
            copied += state.length();
            if (copied > BYTES_BUDGET) {
                throw new Budget();
            }
            SequentialFile next = state.copy();
            List<Operation> order = op.apply(next) ? next(placed | 1L << i, op, next) : null;
            if (order == null && op.isOptional()) {
                order = next(placed | 1L << i, op, state);
            }
            if (order != null) {
                return order;
            }
            if (op.isRead() && op.readDifference(state) >= 0) {
                refused.add(op);
            }
        }
        note(state, refused);
        return null;
    }

    private List<Operation> next(long placed, Operation op, SequentialFile state) {
        prefix.add(op);
        try {
            return place(placed, state);
        } finally {
            prefix.remove(prefix.size() - 1);
        }
    }

    /** Keeps the deepest prefix reached, preferring one where reads were refused (they explain the failure). */
    private void note(SequentialFile state, List<Operation> refused) {
        boolean deeper = deepest == null || prefix.size() > deepest.prefix().size()
                || (prefix.size() == deepest.prefix().size() && deepest.refused().isEmpty() && !refused.isEmpty());
        if (deeper) {
            deepest = new Result.None(List.copyOf(prefix), state.copy(), List.copyOf(refused), 0);
        }
    }

    private long all() {
        return ops.size() == MAX_OPERATIONS ? -1L : (1L << ops.size()) - 1;
    }

    /** The search ran out of budget. */
    private static final class Budget extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Budget() {
            super(null, null, false, false);
        }
    }
}
