package org.flushcheck.detect;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flushcheck.sync.LockClass;

/**
 * A design's declared lock order: an indented tree, one class per line, two spaces
 * per level, the call site that takes it in parentheses (the style of the comment at
 * the top of Linux {@code mm/filemap.c}):
 * <pre>
 * i_mutex                 (generic_perform_write)
 *   PG_locked             (write_begin)
 *     AFS_GLOCK           (afs_linux_write_end)
 *       avc->lock         (afs_write)
 * </pre>
 * Each line says "the child may be taken while holding the parent". A class may appear on
 * several branches (AFS_GLOCK is retaken under avc->lock after every G-...G+ section), so
 * the tree is a drawing of a graph: a class may be taken while holding any class from
 * which it is reachable. That graph must be acyclic, or the order would allow an
 * inversion; parse refuses it. Everything else, including a class the tree never names,
 * is against the order.
 */
public final class LockOrder {

    private static final Pattern LINE = Pattern.compile("^( *)(\\S+)(?:\\s+\\((.*)\\))?\\s*$");

    /** One line of the tree. */
    public record Entry(int depth, LockClass lockClass, String site) {
    }

    private final List<Entry> entries;
    private final Map<LockClass, Set<LockClass>> below = new LinkedHashMap<>();

    private LockOrder(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        Map<LockClass, Set<LockClass>> children = new LinkedHashMap<>();
        List<Entry> stack = new ArrayList<>();
        for (Entry e : entries) {
            while (!stack.isEmpty() && stack.get(stack.size() - 1).depth() >= e.depth()) {
                stack.remove(stack.size() - 1);
            }
            children.computeIfAbsent(e.lockClass(), k -> new LinkedHashSet<>());
            if (!stack.isEmpty()) {
                children.get(stack.get(stack.size() - 1).lockClass()).add(e.lockClass());
            }
            stack.add(e);
        }
        for (LockClass c : children.keySet()) {
            Set<LockClass> reach = new LinkedHashSet<>();
            List<LockClass> todo = new ArrayList<>(children.get(c));
            while (!todo.isEmpty()) {
                LockClass next = todo.remove(todo.size() - 1);
                if (next.equals(c)) {
                    throw new IllegalArgumentException("the declared lock order is circular: " + c
                            + " can be reached from itself");
                }
                if (reach.add(next)) {
                    todo.addAll(children.get(next));
                }
            }
            below.put(c, reach);
        }
    }

    /** Parses the tree; a malformed line is an IllegalArgumentException naming it. */
    public static LockOrder parse(String tree) {
        List<Entry> entries = new ArrayList<>();
        int lineNo = 0;
        int prevDepth = -1;
        for (String line : tree.split("\n", -1)) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches() || m.group(1).length() % 2 != 0) {
                throw new IllegalArgumentException("lock order line " + lineNo
                        + " is not '<2n spaces><class> [(site)]': '" + line + "'");
            }
            int depth = m.group(1).length() / 2;
            if (depth > prevDepth + 1) {
                throw new IllegalArgumentException("lock order line " + lineNo
                        + " is indented more than one level below its parent: '" + line + "'");
            }
            prevDepth = depth;
            entries.add(new Entry(depth, LockClass.parse(m.group(2)), m.group(3)));
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("lock order is empty");
        }
        return new LockOrder(entries);
    }

    /** Is taking {@code inner} while holding {@code outer} allowed? */
    public boolean allows(LockClass outer, LockClass inner) {
        Set<LockClass> under = below.get(declared(outer));
        return under != null && under.contains(declared(inner));
    }

    /** Is {@code c} (or, for a subclass not listed, its base class) named by the order? */
    public boolean declares(LockClass c) {
        return below.containsKey(declared(c));
    }

    private LockClass declared(LockClass c) {
        return below.containsKey(c) ? c : c.base();
    }

    /** The canonical rendering: what {@link #parse} reads back to an equal order. */
    public String render() {
        int width = 24;
        for (Entry e : entries) {
            width = Math.max(width, 2 * e.depth() + e.lockClass().toString().length() + 2);
        }
        StringBuilder out = new StringBuilder();
        for (Entry e : entries) {
            String name = " ".repeat(2 * e.depth()) + e.lockClass();
            out.append(name);
            if (e.site() != null) {
                out.append(" ".repeat(width - name.length())).append('(').append(e.site()).append(')');
            }
            out.append('\n');
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LockOrder other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return Objects.hash(entries);
    }

    @Override
    public String toString() {
        return render();
    }
}
