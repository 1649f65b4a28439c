package org.flushcheck.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One file's history as the oracle judges it: each data operation (write, mmap store,
 * truncate) and each read, with the real-time interval it ran in and what it did or saw.
 *
 * <p>Intervals are the {@link Trace}'s sequence numbers: an operation ran from its begin
 * event to its end event, and one that ended before another began is ordered before it.
 * An operation with no end (still running when the run stopped) ends at
 * {@link Long#MAX_VALUE}.
 *
 * <p>What each operation means:
 * <ul>
 * <li>write: the bytes it reports written, {@code at} on: a short count writes a prefix
 * (a write that returned an error, or failed, may or may not have taken effect: optional);</li>
 * <li>mmap store: the store's bytes below EOF at its point ({@link SequentialFile#store});</li>
 * <li>truncate: cuts or zero-extends (failed: optional);</li>
 * <li>read: takes no effect, and is possible only where the file holds exactly the bytes it
 * returned (a failed read saw nothing, and is left out).</li>
 * </ul>
 * Each operation is atomic: write and truncate run under i_mutex; a read or an mmap store
 * of several pages is atomic only per page in the kernel, and scenarios keep those apart
 * from overlapping writers (the oracle would call a torn one a loss).
 */
public final class FileHistory {

    /** One operation of the history. */
    public static final class Operation {
        private final Op.Kind kind;
        private final String label;
        private final long begin;
        private final long end;
        private final boolean optional;
        /** Where a write, store or read starts; a truncate's size. */
        private final long at;
        /** What a write or store puts there, what a read returned; null for a truncate. */
        private final byte[] data;
        /** The bytes a read asked for. */
        private final int asked;

        private Operation(Op.Kind kind, String label, long begin, long end, boolean optional, long at,
                byte[] data, int asked) {
            if (end <= begin) {
                throw new IllegalArgumentException(label + ": ends (#" + end + ") before it begins (#" + begin + ")");
            }
            this.kind = kind;
            this.label = label;
            this.begin = begin;
            this.end = end;
            this.optional = optional;
            this.at = at;
            this.data = data;
            this.asked = asked;
        }

        /** A write that wrote {@code data} at {@code at} (already cut to the count it returned). */
        public static Operation write(String label, long begin, long end, long at, byte[] data) {
            return new Operation(Op.Kind.WRITE, label, begin, end, false, at, data.clone(), 0);
        }

        /** A store of {@code data} through a shared mapping at {@code at}. */
        public static Operation store(String label, long begin, long end, long at, byte[] data) {
            return new Operation(Op.Kind.MMAP_STORE, label, begin, end, false, at, data.clone(), 0);
        }

        /** ftruncate to {@code size}. */
        public static Operation truncate(String label, long begin, long end, long size) {
            return new Operation(Op.Kind.TRUNCATE, label, begin, end, false, size, null, 0);
        }

        /** A read of {@code asked} bytes at {@code at} that returned {@code returned}. */
        public static Operation read(String label, long begin, long end, long at, int asked, byte[] returned) {
            return new Operation(Op.Kind.READ, label, begin, end, false, at, returned.clone(), asked);
        }

        /** The same operation, allowed to have taken no effect (it failed or returned an error). */
        public Operation optional() {
            return new Operation(kind, label, begin, end, true, at, data, asked);
        }

        /**
         * Applies the operation to {@code f} at its linearization point; false when it
         * cannot have happened there (a read that would have returned other bytes).
         */
        boolean apply(SequentialFile f) {
            switch (kind) {
                case WRITE -> f.write(at, data);
                case MMAP_STORE -> f.store(at, data);
                case TRUNCATE -> f.truncate(at);
                case READ -> {
                    return readDifference(f) < 0;
                }
                default -> throw new IllegalStateException(kind + " is no file operation");
            }
            return true;
        }

        boolean isRead() {
            return kind == Op.Kind.READ;
        }

        /** Where a read's bytes first differ from what it would return from {@code f} (a file offset), or -1. */
        long readDifference(SequentialFile f) {
            long i = SequentialFile.firstDifference(f.read(at, asked), data);
            return i < 0 ? -1 : at + i;
        }

        /** What a read returned, described for a report. */
        String returned() {
            return data.length + " bytes";
        }

        public String label() {
            return label;
        }

        public long begin() {
            return begin;
        }

        public long end() {
            return end;
        }

        public boolean isOptional() {
            return optional;
        }

        /** Whether the two ran at the same time: neither ended before the other began. */
        boolean concurrent(Operation o) {
            return begin < o.end && o.begin < end;
        }

        @Override
        public String toString() {
            return label + " [#" + begin + ".." + (end == Long.MAX_VALUE ? "" : "#" + end) + "]"
                    + (optional ? " (may not have taken effect)" : "");
        }
    }

    private final List<Operation> operations = new ArrayList<>();

    public FileHistory add(Operation op) {
        operations.add(op);
        return this;
    }

    public List<Operation> operations() {
        return List.copyOf(operations);
    }

    /**
     * File {@code fid}'s history in {@code events} (a trace's, in order). A write's data
     * is the scenario's deterministic data for it ({@link ScenarioRunner#pattern}), cut to
     * the count it returned.
     */
    static FileHistory of(List<Trace.Event> events, long fid) {
        FileHistory h = new FileHistory();
        Map<String, Trace.Event> begun = new LinkedHashMap<>();
        for (Trace.Event e : events) {
            if (e.op().file() != fid || !JUDGED.contains(e.op().kind())) {
                continue;
            }
            String key = e.thread() + "#" + e.index();
            if (e.begin()) {
                begun.put(key, e);
            } else if (!e.failed()) {
                h.add(returned(begun.remove(key), e));
            } else if (e.op().kind() != Op.Kind.READ) {
                h.add(unsure(begun.remove(key), e.seq()));
            } else {
                begun.remove(key);
            }
        }
        begun.values().stream().filter(b -> b.op().kind() != Op.Kind.READ)
                .forEach(b -> h.add(unsure(b, Long.MAX_VALUE)));
        return h;
    }

    private static final Set<Op.Kind> JUDGED = EnumSet.of(Op.Kind.WRITE, Op.Kind.MMAP_STORE, Op.Kind.TRUNCATE,
            Op.Kind.READ);

    /** The operation begun by {@code b} that returned what {@code e} says: a write its count, a read its bytes. */
    private static Operation returned(Trace.Event b, Trace.Event e) {
        Op op = b.op();
        String label = b.thread() + ": " + op;
        return switch (op.kind()) {
            case WRITE -> e.count() < 0 ? unsure(b, e.seq()) : Operation.write(label, b.seq(), e.seq(), op.arg("at"),
                    Arrays.copyOf(data(b), (int) Math.min(e.count(), op.arg("bytes"))));
            case READ -> Operation.read(label, b.seq(), e.seq(), op.arg("at"), (int) op.arg("bytes"), e.readBytes());
            default -> whole(b, e.seq());
        };
    }

    /** The data operation begun by {@code b}, ended at {@code end} with no result to trust: optional. */
    private static Operation unsure(Trace.Event b, long end) {
        return whole(b, end).optional();
    }

    /** The data operation begun by {@code b} and ended at {@code end}, all of its bytes taking effect. */
    private static Operation whole(Trace.Event b, long end) {
        Op op = b.op();
        String label = b.thread() + ": " + op;
        return switch (op.kind()) {
            case WRITE -> Operation.write(label, b.seq(), end, op.arg("at"), data(b));
            case MMAP_STORE -> Operation.store(label, b.seq(), end, op.arg("at"), data(b));
            case TRUNCATE -> Operation.truncate(label, b.seq(), end, op.arg("size"));
            default -> throw new IllegalStateException(op + " changes no file data");
        };
    }

    private static byte[] data(Trace.Event b) {
        return ScenarioRunner.pattern(b.thread(), b.index(), b.op());
    }
}
