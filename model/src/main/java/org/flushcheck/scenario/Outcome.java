package org.flushcheck.scenario;

import java.util.List;
import java.util.Map;
import org.flushcheck.detect.Finding;
import org.flushcheck.detect.Verdict;
import org.flushcheck.explore.ScheduleId;

/**
 * What one run of a scenario under one design and kernel gave.
 *
 * @param scenario the scenario, with the design and kernel it ran under
 * @param verdict  the worst finding's verdict, or CLEAN
 * @param findings every finding, the detectors' and any DATA_LOSS, worst first
 * @param trace    the interleaving of the scenario threads' operations
 * @param bounds   what was explored, one line (the "within bounds" of a CLEAN)
 * @param notes    facts worth a user's eye that are not findings (an fsync's error, a
 *                 durability check skipped and why)
 * @param schedule the explorer's id of this run, or null for a run on real threads
 */
public record Outcome(Scenario scenario, Verdict verdict, List<Finding> findings, Trace trace,
        String bounds, List<String> notes, ScheduleId schedule) {

    public Outcome {
        findings = List.copyOf(findings);
        notes = List.copyOf(notes);
    }

    /**
     * The same outcome as the explorer's run {@code id} of {@code steps} steps: its bounds
     * line names that run, the same whether it was found or replayed.
     */
    public Outcome explored(ScheduleId id, int steps) {
        return new Outcome(scenario, verdict, findings, trace, "explorer, schedule " + id + " (" + steps + " steps)",
                notes, id);
    }

    /** Whether the verdict is one the scenario expects of this design and kernel. */
    public boolean expected() {
        return scenario.expect().accepts(scenario.design(), scenario.kernel(), verdict);
    }

    /** Per thread, the operation it was in when it failed or the run stopped. */
    public Map<String, Op> inFlight() {
        return trace.inFlight();
    }
}
