package org.flushcheck.lincheck;

import java.util.List;
import org.flushcheck.detect.Finding;
import org.flushcheck.detect.Verdict;

/**
 * What an exploration found: the verdict and findings of the first failing interleaving
 * (the detectors' reports), Lincheck's report of that interleaving, or CLEAN with the
 * bounds within which nothing was found; or no verdict at all, when Lincheck could not
 * decide ({@link #inconclusive}).
 *
 * <p>Invariant: an inconclusive exploration has no verdict ({@code verdict} is null), no
 * findings and no report; a decided one has a verdict and no {@code inconclusive} reason.
 *
 * @param verdict  the worst finding of the failing interleaving, or CLEAN; null when
 *                 inconclusive
 * @param findings the detectors' findings in that interleaving
 * @param lincheck Lincheck's report (failure, interleaving), empty when CLEAN
 * @param bounds   what was explored
 * @param completed the invocations that ran the program to its end: Lincheck may abort a
 *                 run (to replay a suspected spin, or for reasons of its own, see
 *                 package-info), and only completed runs were checked by the detectors
 * @param actors   the most tasks one completed run had (the program's own thread, its
 *                 actors, the daemons), for the bounds statement
 * @param millis   wall time of the exploration
 * @param inconclusive why Lincheck could not decide (its invocation wall clock tripped,
 *                 or it failed inside its own code), one line; null when it decided
 */
public record Exploration(Verdict verdict, List<Finding> findings, String lincheck, Bounds bounds,
        int completed, int actors, long millis, String inconclusive) {

    public Exploration {
        findings = List.copyOf(findings);
        if ((verdict == null) != (inconclusive != null)) {
            throw new IllegalArgumentException("an exploration has a verdict or a reason it has none: "
                    + verdict + ", " + inconclusive);
        }
        if (inconclusive != null && (!findings.isEmpty() || !lincheck.isEmpty())) {
            throw new IllegalArgumentException("an inconclusive exploration has no findings and no report");
        }
    }

    /** A decided exploration: {@code verdict} with its findings and Lincheck's report. */
    public Exploration(Verdict verdict, List<Finding> findings, String lincheck, Bounds bounds,
            int completed, int actors, long millis) {
        this(verdict, findings, lincheck, bounds, completed, actors, millis, null);
    }

    /** An exploration Lincheck could not decide, and why: no verdict, never a finding. */
    static Exploration inconclusive(String why, Bounds bounds, int completed, int actors, long millis) {
        return new Exploration(null, List.of(), "", bounds, completed, actors, millis, why);
    }

    /** Whether Lincheck decided: false when its wall clock or its own code stopped it first. */
    public boolean decided() {
        return inconclusive == null;
    }

    /** The finding that decided the verdict: the first of the worst verdict. */
    public Finding worst() {
        return worst(verdict, findings);
    }

    static Finding worst(Verdict verdict, List<Finding> findings) {
        return findings.stream().filter(f -> f.verdict() == verdict).findFirst()
                .orElseThrow(() -> new IllegalStateException("no finding: " + verdict));
    }

    /**
     * Lincheck's report without its interleaving table: the failure it found (its title,
     * the exception and where it was thrown). The table, tens of thousands of lines of
     * every thread's calls, is in {@link #lincheck} only.
     */
    public String lincheckFailure() {
        return failureOf(lincheck);
    }

    /** Where Lincheck's interleaving table starts in its report. */
    private static final String TABLE = "The following interleaving leads to the error:";

    static String failureOf(String report) {
        int table = report.indexOf(TABLE);
        return (table < 0 ? report : report.substring(0, table)).strip();
    }

    /** One line: the verdict (or INCONCLUSIVE and why) and the bounds explored. */
    public String summary() {
        String found = !decided() ? "INCONCLUSIVE: " + inconclusive
                : verdict == Verdict.CLEAN
                ? "CLEAN within " + bounds.invocations() + " invocations"
                : worst() + " (" + worst().classes() + ")";
        return found + "; " + completed + " of " + bounds.invocations()
                + " invocations completed; " + actors + " tasks; " + millis + " ms";
    }
}
