package org.flushcheck.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.flushcheck.detect.Finding;
import org.flushcheck.scenario.Outcome;

/**
 * One distinct finding of a verify run: the same verdict and lock classes, by the same
 * scenario under the same design, on one or more kernels. Its page shows the first
 * kernel's run; {@code kernels} lists every kernel it was found on.
 *
 * @param number the page number, from 1, in the run's stable order
 * @param command the one command that reproduces it
 */
public record Distinct(int number, Outcome first, Finding finding, List<String> kernels, String command) {

    public Distinct {
        kernels = List.copyOf(kernels);
    }

    /** The key that makes two findings the same one. */
    public static String key(Outcome o, Finding f) {
        return o.scenario().name() + "|" + o.scenario().design() + "|" + f.verdict() + "|" + f.classes();
    }

    /** {@code 001-b1-mmap-writeback-recursion-write-through-1.4-deadlock.md}. */
    public String fileName() {
        return String.format(Locale.ROOT, "%03d-%s-%s-%s.md", number, first.scenario().name(),
                first.scenario().design(), finding.verdict().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /** Groups findings into distinct ones, numbered in the order they first appear. */
    public static List<Distinct> of(List<Outcome> outcomes, CommandLine command) {
        List<String> keys = new ArrayList<>();
        List<Outcome> firsts = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        List<List<String>> kernels = new ArrayList<>();
        for (Outcome o : outcomes) {
            for (Finding f : o.findings()) {
                String k = key(o, f);
                int i = keys.indexOf(k);
                if (i < 0) {
                    keys.add(k);
                    firsts.add(o);
                    findings.add(f);
                    kernels.add(new ArrayList<>(List.of(o.scenario().kernel())));
                } else if (!kernels.get(i).contains(o.scenario().kernel())) {
                    kernels.get(i).add(o.scenario().kernel());
                }
            }
        }
        List<Distinct> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            out.add(new Distinct(i + 1, firsts.get(i), findings.get(i), kernels.get(i),
                    command.reproduce(firsts.get(i))));
        }
        return out;
    }

    /** How a finding's reproducing command is spelled. */
    @FunctionalInterface
    public interface CommandLine {
        String reproduce(Outcome o);
    }
}
