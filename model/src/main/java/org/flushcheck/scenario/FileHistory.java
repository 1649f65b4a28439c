package org.flushcheck.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flushcheck.vm.Page;

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
 * Write and truncate are atomic: they run under i_mutex. A read is atomic only per page
 * in the kernel ({@code do_generic_file_read} takes no i_mutex and copies page by page,
 * reading i_size for each), so one that ran at the same time as a change to the file is
 * judged as one read per page ({@link #perPage}): a read torn across pages by a racing
 * write or truncate is legal, a byte no per-page order explains is not. An mmap store is
 * atomic per page in the kernel too, but the oracle keeps it whole: its parts change the
 * file, and a many-page store racing a truncate splits into more orders than the search
 * can take (r04's sixteen pages); a store that a fault past EOF stopped counts the bytes
 * before the SIGBUS.
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
        /** A part of a split write that must be placed before this one (its previous page), or null. */
        private final Operation after;

        private Operation(Op.Kind kind, String label, long begin, long end, boolean optional, long at,
                byte[] data, int asked) {
            this(kind, label, begin, end, optional, at, data, asked, null);
        }

        private Operation(Op.Kind kind, String label, long begin, long end, boolean optional, long at,
                byte[] data, int asked, Operation after) {
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
            this.after = after;
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
            return new Operation(kind, label, begin, end, true, at, data, asked, after);
        }

        /** The operation that must be placed before this one (a split write's previous page), or null. */
        Operation after() {
            return after;
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

        /**
         * This read or write as one operation per page it touches, each over the same
         * interval. A read's parts stop at the first page that returned fewer bytes than it
         * asked for: there it met EOF, and the kernel read no further. A write's parts come
         * in page order, each after the one before ({@link #after}): generic_perform_write
         * copies page by page and moves i_size at each write_end, so a reader can see the
         * first pages written and the file only that long.
         */
        List<Operation> pages() {
            boolean read = isRead();
            long length = read ? asked : data.length;
            List<Operation> parts = new ArrayList<>();
            long page = Page.PAGE_SIZE;
            for (long from = at; from < at + length; from = (from / page + 1) * page) {
                long to = Math.min(at + length, (from / page + 1) * page);
                String part = label + " (page " + from / page + ")";
                int lo = (int) Math.min(data.length, from - at);
                byte[] slice = Arrays.copyOfRange(data, lo, (int) Math.min(data.length, to - at));
                Operation previous = read || parts.isEmpty() ? null : parts.get(parts.size() - 1);
                parts.add(new Operation(kind, part, begin, end, optional, from, slice, read ? (int) (to - from) : 0,
                        previous));
                if (read && slice.length < to - from) {
                    break;
                }
            }
            return parts;
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
     * The history with the kernel's atomicity as a reader sees it: each read that ran at the
     * same time as a write, store or truncate of the file becomes one read per page, and
     * each write that ran at the same time as a read one write per page, in page order
     * ({@link Operation#pages}); the rest stay whole (alone in its time, a per-page split
     * allows nothing more).
     */
    public FileHistory perPage() {
        FileHistory h = new FileHistory();
        for (Operation op : operations) {
            boolean racy = op.isRead()
                    ? operations.stream().anyMatch(o -> o != op && !o.isRead() && o.concurrent(op))
                    : op.kind == Op.Kind.WRITE && operations.stream().anyMatch(o -> o.isRead() && o.concurrent(op));
            if (racy) {
                op.pages().forEach(h::add);
            } else {
                h.add(op);
            }
        }
        return h;
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
            case MMAP_STORE -> Operation.store(label, b.seq(), e.seq(), op.arg("at"),
                    Arrays.copyOf(data(b), (int) Math.min(e.count(), op.arg("bytes")))); // SIGBUS: the bytes before it
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
