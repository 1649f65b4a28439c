package org.flushcheck.scenario;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.flushcheck.sync.DeadlockException;

/**
 * What each scenario thread did, in the order it happened: a begin event per operation
 * and an end event with its result or failure. Rendered as a Lincheck-style table, one
 * column per thread, and asked for the operations still in flight when a run stopped.
 * Harness bookkeeping outside the model: it takes no model lock and never waits.
 */
public final class Trace {

    /**
     * One event; {@code seq} orders them across threads, {@code index} is the operation's
     * position in its thread (two equal operations of one thread are told apart by it).
     * An end event carries what the operation returned: {@code result} as the table shows
     * it, {@code count} (bytes written, a return code) and, for a read, the bytes it read
     * ({@code read}, read-only; empty otherwise), which the file oracle judges.
     */
    public record Event(long seq, String thread, int index, Op op, boolean begin, String result, long count,
            ByteBuffer read) {

        /** Whether this ends an operation that failed (it threw, or a hang aborted it). */
        public boolean failed() {
            return !begin && result.startsWith("✗");
        }

        /** The bytes a read returned (a copy). */
        byte[] readBytes() {
            byte[] b = new byte[read.remaining()];
            read.duplicate().get(b);
            return b;
        }
    }

    /** What an operation returned: its text for the table, a count, and a read's bytes. */
    record Returned(String text, long count, ByteBuffer read) {

        private static final ByteBuffer NONE = ByteBuffer.allocate(0).asReadOnlyBuffer();

        /** A result that is only text ({@code "truncated"}). */
        static Returned of(String text) {
            return new Returned(text, 0, NONE);
        }

        /** A count: {@code "wrote 4096"}, {@code "returns 0"}. */
        static Returned count(String verb, long count) {
            return new Returned(verb + " " + count, count, NONE);
        }

        /**
         * An mmap store of {@code asked} bytes that stored {@code stored}: {@code "stored"},
         * or {@code "SIGBUS after N bytes"} when a fault past EOF stopped it.
         */
        static Returned stored(long stored, long asked) {
            return new Returned(stored == asked ? "stored" : "SIGBUS after " + stored + " bytes", stored, NONE);
        }

        /** A read's bytes, shown in the table as their number only. */
        static Returned read(byte[] bytes) {
            return new Returned("read " + bytes.length, bytes.length, ByteBuffer.wrap(bytes).asReadOnlyBuffer());
        }
    }

    private final List<String> threads;
    private final AtomicLong seq = new AtomicLong();
    private final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();

    Trace(List<String> threads) {
        this.threads = List.copyOf(threads);
    }

    void begin(String thread, int index, Op op) {
        events.add(new Event(seq.incrementAndGet(), thread, index, op, true, "", 0, Returned.NONE));
    }

    void end(String thread, int index, Op op, Returned r) {
        events.add(new Event(seq.incrementAndGet(), thread, index, op, false, r.text(), r.count(), r.read()));
    }

    void failed(String thread, int index, Op op, Throwable t) {
        String what = t instanceof DeadlockException d ? "blocked forever: " + d.hang().kind()
                : t.getClass().getSimpleName() + ": " + t.getMessage();
        end(thread, index, op, Returned.of("✗ " + what));
    }

    /** The events in the order they happened. */
    public List<Event> events() {
        return events.stream().sorted(Comparator.comparingLong(Event::seq)).toList();
    }

    /** Per thread, the operation it was in when the run stopped (it failed or never ended). */
    public Map<String, Op> inFlight() {
        Map<String, Op> open = new LinkedHashMap<>();
        for (Event e : events()) {
            if (e.begin()) {
                open.put(e.thread(), e.op());
            } else if (e.failed()) {
                open.put(e.thread(), e.op());
            } else {
                open.remove(e.thread());
            }
        }
        return open;
    }

    /** The interleaving as a Markdown table: a row per event, a column per thread. */
    public String table() {
        StringBuilder b = new StringBuilder("| # |");
        threads.forEach(t -> b.append(' ').append(t).append(" |"));
        b.append("\n|---|");
        threads.forEach(t -> b.append("---|"));
        b.append('\n');
        int row = 0;
        for (Event e : events()) {
            b.append("| ").append(++row).append(" |");
            for (String t : threads) {
                b.append(' ');
                if (t.equals(e.thread())) {
                    b.append((e.begin() ? e.op().toString() : "→ " + e.result()).replace("|", "\\|"));
                }
                b.append(" |");
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** The thread names, in column order. */
    public List<String> threads() {
        return new ArrayList<>(threads);
    }
}
