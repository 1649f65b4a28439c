package org.flushcheck.fuzz;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flushcheck.scenario.Fault;
import org.flushcheck.scenario.Op;
import org.flushcheck.scenario.Scenario;
import org.flushcheck.scenario.ThreadSpec;

/**
 * The rules a generated scenario keeps beyond the parser's, so that a run judges the model
 * and not the workload.
 *
 * Invariants (what {@link #problem} checks):
 * - Each file's data operations (write, mmap_store, truncate) are one thread's, its owner:
 *   the durability oracle replays data operations in completion order, which explains
 *   racing writes only to disjoint bytes.
 * - An mmap store lies within the file as its owner has sized it so far (one outside it is
 *   SIGBUS and stores nothing, which tests nothing; a racing truncate may still cut it).
 * - At most one fault per function (a second injection would replace the first).
 * - Every {@code after} names an earlier thread; no await gates (their conditions are
 *   schedule-dependent and can leave a gate shut).
 */
public final class Workload {

    private Workload() {
    }

    /** Why {@code s} is not a runnable workload, or null when it is. */
    public static String problem(Scenario s) {
        Set<String> functions = new HashSet<>();
        for (Fault f : s.faults()) {
            if (!functions.add(f.function())) {
                return "two faults in " + f.function();
            }
        }
        Map<Long, String> owner = new HashMap<>();
        Set<String> earlier = new HashSet<>();
        for (ThreadSpec t : s.threads()) {
            if (!earlier.containsAll(t.after())) {
                return t.name() + " runs after a thread not declared before it";
            }
            earlier.add(t.name());
            Map<Long, Long> size = new HashMap<>();
            for (Op op : t.ops()) {
                if (op.kind() == Op.Kind.AWAIT || op.kind() == Op.Kind.I_SIZE_WRITE
                        || op.kind() == Op.Kind.TRUNCATE_INODE_PAGES) {
                    return t.name() + ": " + op.kind().key + " is not generated";
                }
                if (!changesData(op.kind())) {
                    continue;
                }
                String o = owner.putIfAbsent(op.file(), t.name());
                if (o != null && !o.equals(t.name())) {
                    return "file " + op.file() + " is changed by both " + o + " and " + t.name();
                }
                long now = size.getOrDefault(op.file(), 0L);
                switch (op.kind()) {
                    case WRITE -> size.put(op.file(), Math.max(now, op.arg("at") + op.arg("bytes")));
                    case TRUNCATE -> size.put(op.file(), op.arg("size"));
                    default -> {
                        if (op.arg("at") + op.arg("bytes") > now) {
                            return t.name() + ": " + op + " reaches past the file's " + now + " bytes";
                        }
                    }
                }
            }
        }
        return null;
    }

    static boolean changesData(Op.Kind kind) {
        return List.of(Op.Kind.WRITE, Op.Kind.MMAP_STORE, Op.Kind.TRUNCATE).contains(kind);
    }
}
