package org.flushcheck.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flushcheck.detect.Verdict;
import org.flushcheck.scenario.Outcome;

/**
 * The design x kernel verdict matrix of a verify run: a row per design and kernel, a
 * column per scenario, each cell the run's verdict, marked where it is not what the
 * scenario expects. As Markdown ({@code findings/README.md}) and as plain text (the
 * terminal summary).
 */
public final class Matrix {

    private final List<String> scenarios = new ArrayList<>();
    private final Map<String, Map<String, Outcome>> rows = new LinkedHashMap<>();

    public Matrix(List<Outcome> outcomes) {
        for (Outcome o : outcomes) {
            String sc = o.scenario().name();
            if (!scenarios.contains(sc)) {
                scenarios.add(sc);
            }
            rows.computeIfAbsent(o.scenario().design() + " @ " + o.scenario().kernel(),
                    k -> new LinkedHashMap<>()).put(sc, o);
        }
    }

    /** Runs whose verdict the scenario does not expect. */
    public List<Outcome> unexpected() {
        List<Outcome> out = new ArrayList<>();
        rows.values().forEach(r -> r.values().stream().filter(o -> !o.expected()).forEach(out::add));
        return out;
    }

    public String markdown(Map<String, String> links) {
        StringBuilder b = new StringBuilder("| design @ kernel |");
        scenarios.forEach(s -> b.append(" `").append(s).append("` |"));
        b.append("\n|---|");
        scenarios.forEach(s -> b.append("---|"));
        b.append('\n');
        rows.forEach((row, cells) -> {
            b.append("| ").append(row).append(" |");
            for (String s : scenarios) {
                Outcome o = cells.get(s);
                b.append(' ');
                if (o != null) {
                    String v = cell(o);
                    String link = links.get(row + "|" + s);
                    b.append(link == null || o.verdict() == Verdict.CLEAN ? v : "[" + v + "](" + link + ")");
                }
                b.append(" |");
            }
            b.append('\n');
        });
        return b.toString();
    }

    public String text() {
        int first = Math.max(16, rows.keySet().stream().mapToInt(String::length).max().orElse(0));
        List<Integer> widths = new ArrayList<>();
        for (String s : scenarios) {
            int w = s.length();
            for (Map<String, Outcome> r : rows.values()) {
                Outcome o = r.get(s);
                w = Math.max(w, o == null ? 0 : cell(o).length());
            }
            widths.add(w);
        }
        StringBuilder b = new StringBuilder(pad("design @ kernel", first));
        for (int i = 0; i < scenarios.size(); i++) {
            b.append("  ").append(pad(scenarios.get(i), widths.get(i)));
        }
        b.append('\n');
        rows.forEach((row, cells) -> {
            b.append(pad(row, first));
            for (int i = 0; i < scenarios.size(); i++) {
                Outcome o = cells.get(scenarios.get(i));
                b.append("  ").append(pad(o == null ? "" : cell(o), widths.get(i)));
            }
            b.append('\n');
        });
        return b.toString().replaceAll(" +\n", "\n");
    }

    private static String cell(Outcome o) {
        return o.expected() ? o.verdict().name() : o.verdict() + " (unexpected)";
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
