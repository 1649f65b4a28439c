package org.flushcheck.fuzz;

import java.util.Locale;
import org.flushcheck.explore.Search;

/**
 * The summary a fuzz run prints on stdout: what ran, every distinct finding with its
 * reproducer and the commands that explore and replay it, the shrink ratio, and the bound
 * as a sentence. Deterministic: no wall time, nothing but what the report holds.
 */
public final class Summary {

    private Summary() {
    }

    /** {@code what}: the run's arguments in a line ({@code seed 1, design safe-deferred, ...}). */
    public static String render(String what, Search search, int shrinkBudget, Fuzzer.Report r) {
        StringBuilder b = new StringBuilder();
        b.append("flushcheck fuzz: ").append(what).append('\n');
        b.append("scenarios run: ").append(r.scenarios()).append(" (rejected by the model: ").append(r.rejected().size())
                .append(")\n");
        r.rejected().forEach(x -> b.append("  rejected ").append(x).append('\n'));
        b.append("schedules explored: ").append(r.schedules()).append(" fuzzing, ").append(r.shrinkSchedules())
                .append(" shrinking\n");
        b.append("distinct findings: ").append(r.findings().size()).append('\n');
        int before = 0;
        int after = 0;
        int n = 0;
        for (Fuzzer.Found f : r.findings()) {
            before += f.before().operations();
            after += f.after().operations();
            b.append(String.format(Locale.ROOT, "%3d. %s%n", ++n, f.key()));
            b.append("     verdict ").append(f.hit().verdict()).append(": ").append(f.hit().title()).append('\n');
            b.append("     shown by ").append(f.scenarios()).append(" scenario").append(f.scenarios() == 1 ? "" : "s")
                    .append(", first #").append(f.index()).append(" (kernel ").append(f.kernel()).append(")\n");
            b.append("     shrunk from ").append(f.before().threads().size()).append(" threads, ")
                    .append(f.before().operations()).append(" operations to ").append(f.after().threads().size())
                    .append(" threads, ").append(f.after().operations()).append(" operations (")
                    .append(f.shrink().tried()).append(" candidates tried, ").append(f.shrink().kept())
                    .append(" kept)\n");
            b.append("     reproducer: ").append(f.file()).append('\n');
            b.append("     explore: ./flushcheck run ").append(f.file()).append(' ').append(Reproducer.flags(search))
                    .append('\n');
            if (f.hit().schedule() != null) {
                b.append("     replay:  ./flushcheck run ").append(f.file()).append(" --schedule ")
                        .append(f.hit().schedule()).append('\n');
            }
        }
        if (n > 0) {
            b.append(String.format(Locale.ROOT, "shrink ratio: %d -> %d operations over %d finding%s (%.1fx)%n",
                    before, after, n, n == 1 ? "" : "s", (double) before / Math.max(1, after)));
        }
        b.append("bound: each of the ").append(r.scenarios()).append(" scenarios was explored by ").append(search)
                .append(" and each finding shrunk with at most ").append(shrinkBudget)
                .append(" candidates under the same budget; a finding not listed was not reached within those")
                .append(" schedules, which samples each scenario's interleavings and proves nothing absent.\n");
        return b.toString();
    }
}
