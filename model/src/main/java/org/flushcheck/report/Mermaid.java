package org.flushcheck.report;

import java.util.List;
import org.flushcheck.detect.Finding;
import org.flushcheck.detect.Verdict;

/**
 * The lock classes of a finding as a Mermaid flowchart: a cycle for DEADLOCK and
 * INVERSION (each class waits for / depends on the next, the last on the first), a chain
 * for STALL and HUNG_TASK (ending in what nobody can end), a single refused edge for
 * ORDER_VIOLATION.
 */
final class Mermaid {

    private Mermaid() {
    }

    static String graph(Finding f) {
        List<String> c = f.classes();
        StringBuilder b = new StringBuilder("```mermaid\nflowchart LR\n");
        if (c.isEmpty()) {
            b.append("  n0[\"").append(label(f.verdict().name())).append("\"]\n");
        }
        for (int i = 0; i < c.size(); i++) {
            b.append("  n").append(i).append("[\"").append(label(c.get(i))).append("\"]\n");
        }
        for (int i = 0; i + 1 < c.size(); i++) {
            b.append("  n").append(i).append(" --> n").append(i + 1).append('\n');
        }
        boolean cycle = f.verdict() == Verdict.DEADLOCK || f.verdict() == Verdict.INVERSION;
        if (cycle && c.size() > 1) {
            b.append("  n").append(c.size() - 1).append(" --> n0\n");
        } else if (cycle && c.size() == 1) {
            b.append("  n0 --> n0\n");
        }
        return b.append("```\n").toString();
    }

    private static String label(String s) {
        return s.replace("\"", "'");
    }
}
