package org.flushcheck.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One operation of a scenario thread: a model entry point (its C name in {@link Kind#calls})
 * with its arguments, or a gate that waits, outside the model, for a model condition.
 *
 * @param kind the operation
 * @param args the numeric arguments, by name, in the kind's order (an await's
 *             {@code drain_waiters})
 * @param threads an await's thread conditions: {@code blocked} and/or {@code ended}, each
 *             naming another scenario thread; empty for other kinds
 * @param line the scenario line it came from (0 when built in code)
 */
public record Op(Kind kind, Map<String, Long> args, Map<String, String> threads, int line) {

    /** The conditions an {@link Kind#AWAIT} may name; any one of them opens it. */
    public static final List<String> AWAIT_CONDITIONS = List.of("drain_waiters", "blocked", "ended");

    /** What a scenario can ask a thread to do; {@code fields} are the required arguments. */
    public enum Kind {
        WRITE("write", "afs_linux_write (write(2))", "file", "at", "bytes"),
        MMAP_STORE("mmap_store", "mmap_store (a store through a shared mapping)", "file", "at", "bytes"),
        READ("read", "afs_linux_read (read(2))", "file", "at", "bytes"),
        FSYNC("fsync", "afs_linux_fsync (fsync(2))", "file"),
        CLOSE("close", "afs_linux_flush (close(2))", "file"),
        TRUNCATE("truncate", "afs_linux_truncate (ftruncate(2))", "file", "size"),
        I_SIZE_WRITE("i_size_write", "i_size_write (vmtruncate's first step, alone)", "file", "size"),
        TRUNCATE_INODE_PAGES("truncate_inode_pages", "truncate_inode_pages (vmtruncate's second step)",
                "file", "from"),
        WRITEBACK("writeback", "a flusher pass (wb_kupdate), waited for"),
        SYNC("sync", "sync(2) as 2.6.18 runs it: writeback in the caller's context"),
        RECLAIM("reclaim", "shrink_all (direct reclaim, GFP_KERNEL)"),
        SHAKE_LOOSE_VCACHES("shake_loose_vcaches", "afs_ShakeLooseVCaches"),
        AWAIT("await", "a gate: until N writers sleep in afs_WaitForCacheDrain, or a thread blocks,"
                + " or a thread ends (whichever comes first)");

        public final String key;
        public final String calls;
        @SuppressWarnings("ImmutableEnumChecker") // List.of: unmodifiable
        public final List<String> fields;

        Kind(String key, String calls, String... fields) {
            this.key = key;
            this.calls = calls;
            this.fields = List.of(fields);
        }

        /** The kind spelled {@code key} in a scenario file, or null. */
        public static Kind of(String key) {
            for (Kind k : values()) {
                if (k.key.equals(key)) {
                    return k;
                }
            }
            return null;
        }

        /** Every key, for error messages. */
        public static String keys() {
            return List.of(values()).stream().map(k -> k.key).collect(Collectors.joining(", "));
        }

        /** Whether the operation changes file data (and so the sequential spec). */
        boolean changesData() {
            return this == WRITE || this == MMAP_STORE || this == TRUNCATE;
        }
    }

    public Op {
        args = Map.copyOf(args);
        threads = Map.copyOf(threads);
    }

    /** An operation built in code, arguments in the kind's field order. */
    public static Op of(Kind kind, long... values) {
        Map<String, Long> a = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            a.put(kind.fields.get(i), values[i]);
        }
        return new Op(kind, a, Map.of(), 0);
    }

    public long arg(String name) {
        return args.get(name);
    }

    /** The file the operation works on, or -1. */
    public long file() {
        return args.getOrDefault("file", -1L);
    }

    /** As a scenario file spells it: {@code write {file: 1, at: 0, bytes: 8192}}. */
    @Override
    public String toString() {
        if (kind == Kind.AWAIT) {
            return kind.key + " {" + AWAIT_CONDITIONS.stream().filter(c -> args.containsKey(c) || threads.containsKey(c))
                    .map(c -> c + ": " + (args.containsKey(c) ? args.get(c) : threads.get(c)))
                    .collect(Collectors.joining(", ")) + "}";
        }
        if (kind.fields.isEmpty()) {
            return kind.key;
        }
        return kind.key + " {" + kind.fields.stream().map(f -> f + ": " + args.get(f))
                .collect(Collectors.joining(", ")) + "}";
    }
}
