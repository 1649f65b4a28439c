package org.flushcheck.design;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flushcheck.detect.EntryPoints;

/**
 * A design's locking table, like Linux {@code Documentation/filesystems/locking.rst}:
 * one row per entry point (a C function name), one column per lock class, each cell
 * what the entry point may do with the lock on some path of some era: {@code held} on
 * entry, {@code takes} it inside (acquires, trylocks, sets or waits on it), or {@code no}
 * (never either). A lock that may be both held on entry and taken inside is {@code takes}.
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
            parsed.add(Cell.valueOf(c.toUpperCase(Locale.ROOT)));
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

    /**
     * Every disagreement between this table and what the entry points were seen to do:
     * a row that never ran, a lock taken where the table says {@code held} or {@code no},
     * a lock held on entry where it says {@code no}. A cell is what an entry point may do
     * on some path of some era, so one run need not show every {@code takes}; it may never
     * show more. Empty when code and table agree.
     */
    public List<String> disagreements(EntryPoints seen) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<Cell>> r : rows.entrySet()) {
            String e = r.getKey();
            if (!seen.exercised(e)) {
                out.add(e + ": never exercised");
                continue;
            }
            for (int i = 0; i < locks.size(); i++) {
                String l = locks.get(i);
                Cell cell = r.getValue().get(i);
                if (cell != Cell.TAKES && seen.takes(e, l)) {
                    out.add(e + " / " + l + ": table says " + cell.name().toLowerCase(Locale.ROOT)
                            + ", but it is taken");
                } else if (cell == Cell.NO && seen.holds(e, l)) {
                    out.add(e + " / " + l + ": table says no, but it is held on entry");
                }
            }
        }
        return out;
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
                s.append(' ').append(c.name().toLowerCase(Locale.ROOT)).append(" |");
            }
            s.append('\n');
        }
        return s.toString();
    }
}
