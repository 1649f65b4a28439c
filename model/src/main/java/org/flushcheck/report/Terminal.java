package org.flushcheck.report;

import java.util.stream.Collectors;
import org.flushcheck.detect.Finding;
import org.flushcheck.scenario.Expect;
import org.flushcheck.scenario.Outcome;
import org.flushcheck.scenario.Scenario;

/** What {@code flushcheck run} prints for one outcome: verdict, every finding in full, the interleaving. */
public final class Terminal {

    private Terminal() {
    }

    public static String outcome(Outcome o) {
        Scenario s = o.scenario();
        StringBuilder b = new StringBuilder();
        b.append("scenario ").append(s.name()).append("  design ").append(s.design()).append("  kernel ")
                .append(s.kernel()).append('\n');
        b.append("verdict: ").append(o.verdict()).append(o.expected() ? " (expected)" : " (UNEXPECTED: the scenario"
                + " expects " + Expect.spell(s.expect().expected(s.design(), s.kernel())) + ")").append('\n');
        b.append("bounds: ").append(o.bounds()).append('\n');
        if (!o.inFlight().isEmpty()) {
            b.append("in flight: ").append(o.inFlight().entrySet().stream()
                    .map(e -> e.getKey() + " in " + e.getValue()).collect(Collectors.joining("; "))).append('\n');
        }
        o.notes().forEach(n -> b.append("note: ").append(n).append('\n'));
        int i = 0;
        for (Finding f : o.findings()) {
            b.append("\n--- finding ").append(++i).append(" of ").append(o.findings().size()).append(": ")
                    .append(f.title()).append('\n').append(f.report().strip()).append('\n');
        }
        b.append("\n--- interleaving of the scenario threads\n").append(o.trace().table());
        return b.toString();
    }
}
