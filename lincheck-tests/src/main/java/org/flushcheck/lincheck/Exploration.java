package org.flushcheck.lincheck;

import java.util.List;
import org.flushcheck.detect.Finding;
import org.flushcheck.detect.Verdict;

/**
 * What an exploration found: the verdict and findings of the first failing interleaving
 * (the detectors' reports), Lincheck's report of that interleaving, or CLEAN with the
 * bounds within which nothing was found.
 *
 * @param verdict  the worst finding of the failing interleaving, or CLEAN
 * @param findings the detectors' findings in that interleaving
 * @param lincheck Lincheck's report (failure, interleaving), empty when CLEAN
 * @param bounds   what was explored
 * @param completed the invocations that ran the program to its end: Lincheck may abort a
 *                 run (to replay a suspected spin, or for reasons of its own, see
 *                 package-info), and only completed runs were checked by the detectors
 * @param actors   the most tasks one completed run had (the program's own thread, its
 *                 actors, the daemons), for the bounds statement
 * @param millis   wall time of the exploration
 */
public record Exploration(Verdict verdict, List<Finding> findings, String lincheck, Bounds bounds,
        int completed, int actors, long millis) {

    public Exploration {
        findings = List.copyOf(findings);
    }

    /** The finding that decided the verdict: the first of the worst verdict. */
    public Finding worst() {
        return worst(verdict, findings);
    }

    static Finding worst(Verdict verdict, List<Finding> findings) {
        return findings.stream().filter(f -> f.verdict() == verdict).findFirst()
                .orElseThrow(() -> new IllegalStateException("no finding: " + verdict));
    }

    /** One line: the verdict and the bounds explored. */
    public String summary() {
        String found = verdict == Verdict.CLEAN
                ? "CLEAN within " + bounds.invocations() + " invocations"
                : worst() + " (" + worst().classes() + ")";
        return found + "; " + completed + " of " + bounds.invocations()
                + " invocations completed; " + actors + " tasks; " + millis + " ms";
    }
}
