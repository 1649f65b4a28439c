package org.flushcheck.report;

import java.util.Map;
import java.util.stream.Collectors;
import org.flushcheck.detect.Finding;
import org.flushcheck.scenario.Expect;
import org.flushcheck.scenario.Op;
import org.flushcheck.scenario.Outcome;
import org.flushcheck.scenario.Scenario;

/**
 * A {@code findings/SLUG-ID.md} page ({@link Distinct#fileName()}). Everything above the
 * "Splat" heading is the finding's identity (what a regenerated copy must match); below it
 * is the evidence of the run that found it. Its first line is {@link #MARKER}: how a later
 * verify knows the page is its own to rewrite or delete.
 */
public final class FindingPage {

    /** The first line of every finding page. */
    public static final String MARKER = "<!-- flushcheck finding page: written by ./flushcheck verify, which rewrites"
            + " or deletes it; do not edit -->";

    /** The heading that separates identity from evidence. */
    public static final String EVIDENCE = "## Splat";

    private FindingPage() {
    }

    public static String render(Distinct d) {
        Outcome o = d.first();
        Scenario s = o.scenario();
        Finding f = d.finding();
        boolean expected = s.expect().expected(s.design(), s.kernel()).contains(f.verdict())
                || (f.verdict().compareTo(o.verdict()) < 0 && o.expected());
        StringBuilder b = new StringBuilder();
        b.append(MARKER).append('\n');
        b.append("# ").append(f.title().replaceAll("/\\d+", "")).append("\n\n");
        b.append("| | |\n|---|---|\n");
        b.append("| verdict | ").append(f.verdict()).append(" |\n");
        b.append("| design | `").append(s.design()).append("` |\n");
        b.append("| kernels | ").append(String.join(", ", d.kernels())).append(" |\n");
        b.append("| scenario | [`").append(s.name()).append("`](../").append(s.source()).append(") |\n");
        b.append("| id | `").append(d.id()).append("` |\n");
        b.append("| lock classes | ").append(f.classes().isEmpty() ? "-"
                : Distinct.classes(f).stream().map(c -> "`" + c + "`").collect(Collectors.joining(" → ")))
                .append(" |\n");
        b.append("| expected | ").append(expected ? "yes" : "**no**").append(": the scenario expects ")
                .append(Expect.spell(s.expect().expected(s.design(), s.kernel())).replace("|", " or "))
                .append(" here |\n");
        b.append("| matches | ").append(s.matches().isEmpty() ? "no known OpenAFS report" : s.matches())
                .append(" |\n\n");
        b.append("Reproduce: `").append(d.command()).append("`\n\n");
        if (!s.story().isEmpty()) {
            b.append(s.story()).append("\n\n");
        }
        b.append(EVIDENCE).append(" (").append(s.kernel()).append(")\n\n```text\n").append(f.report().strip())
                .append("\n```\n\n");
        b.append("## Interleaving\n\nThe scenario threads' operations in the order they happened"
                + " (kernel and AFS daemons act inside them; the splat names them).\n\n")
                .append(o.trace().table()).append('\n');
        Map<String, Op> open = o.inFlight();
        if (!open.isEmpty()) {
            b.append("In flight when the run stopped: ").append(open.entrySet().stream()
                    .map(e -> e.getKey() + " in `" + e.getValue() + "`").collect(Collectors.joining("; ")))
                    .append(".\n\n");
        }
        b.append("## Graph\n\n").append(Mermaid.graph(f)).append('\n');
        b.append("## Bounds\n\n").append(o.bounds()).append(".\n");
        return b.toString();
    }

    /** The identity part of a page (everything before the evidence). */
    public static String identity(String page) {
        int at = page.indexOf(EVIDENCE);
        return at < 0 ? page : page.substring(0, at);
    }
}
