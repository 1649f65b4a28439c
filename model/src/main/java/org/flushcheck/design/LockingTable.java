package org.flushcheck.design;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A design's locking table, like Linux {@code Documentation/filesystems/locking.rst}:
 * one row per entry point, one column per lock, each cell what the entry point does
 * with the lock: {@code held} on entry, {@code takes} it inside, or {@code no}.
 */
public final class LockingTable {

    /** What an entry point does with a lock. */
    public enum Cell { HELD, TAKES, NO }

    private final List<String> locks;
    private final Map<String, List<Cell>> rows = new LinkedHashMap<>();

    private LockingTable(List<String> locks) {
        this.locks = List.copyOf(locks);
    }

    /** A table over these lock classes (columns), in order. */
    public static LockingTable columns(String... locks) {
        return new LockingTable(List.of(locks));
    }

    /** Adds a row: one cell per column, as "held", "takes" or "no". */
    public LockingTable row(String entryPoint, String... cells) {
        if (cells.length != locks.size()) {
            throw new IllegalArgumentException("locking table row " + entryPoint + " has " + cells.length
                    + " cells for " + locks.size() + " columns");
        }
        List<Cell> parsed = new ArrayList<>();
        for (String c : cells) {
            parsed.add(Cell.valueOf(c.toUpperCase(java.util.Locale.ROOT)));
        }
        rows.put(entryPoint, List.copyOf(parsed));
        return this;
    }

    public List<String> locks() {
        return locks;
    }

    public Map<String, List<Cell>> rows() {
        return rows;
    }

    /** The cell of {@code entryPoint} for {@code lock}; NO for a lock without a column. */
    public Cell cell(String entryPoint, String lock) {
        int i = locks.indexOf(lock);
        List<Cell> row = rows.get(entryPoint);
        return i < 0 || row == null ? Cell.NO : row.get(i);
    }

    /** The Markdown rendering (findings' LOCKING.md). */
    public String render() {
        StringBuilder s = new StringBuilder("| entry point |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String l : locks) {
            s.append(' ').append(l).append(" |");
            rule.append("---|");
        }
        s.append('\n').append(rule).append('\n');
        for (Map.Entry<String, List<Cell>> r : rows.entrySet()) {
            s.append("| ").append(r.getKey()).append(" |");
            for (Cell c : r.getValue()) {
                s.append(' ').append(c.name().toLowerCase(java.util.Locale.ROOT)).append(" |");
            }
            s.append('\n');
        }
        return s.toString();
    }
}
