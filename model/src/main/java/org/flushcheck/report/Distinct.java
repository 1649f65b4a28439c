package org.flushcheck.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.flushcheck.detect.Finding;
import org.flushcheck.detect.Verdict;
import org.flushcheck.scenario.Outcome;

/**
 * One distinct finding of a verify run: the same verdict and lock classes, by the same
 * scenario under the same design, on one or more kernels. Its page shows the first
 * kernel's run; {@code kernels} lists every kernel it was found on.
 *
 * <p>Identity, not position: a finding's id and page name come from its key (scenario,
 * design, verdict, lock classes), so adding or removing another finding renames nothing.
 * The kernels are left out of the name on purpose: a finding reached on one kernel more
 * is the same finding (its page lists them), and its links must not break. A cycle's
 * classes are taken from its smallest rotation, since where the detector entered the
 * cycle is a property of the run, not of the finding.
 *
 * @param command the one command that reproduces it
 */
public record Distinct(Outcome first, Finding finding, List<String> kernels, String command) {

    private static final Pattern FILE_NAME = Pattern.compile("[a-z0-9._+-]+-[0-9a-f]{8}\\.md");

    public Distinct {
        kernels = List.copyOf(kernels);
    }

    /** The key that makes two findings the same one. */
    public static String key(Outcome o, Finding f) {
        return o.scenario().name() + "|" + o.scenario().design() + "|" + f.verdict() + "|"
                + String.join(" -> ", classes(f));
    }

    /** The finding's lock classes, a cycle (DEADLOCK, INVERSION) rotated to start at its smallest rotation. */
    public static List<String> classes(Finding f) {
        List<String> c = f.classes();
        if (c.size() < 2 || (f.verdict() != Verdict.DEADLOCK && f.verdict() != Verdict.INVERSION)) {
            return c;
        }
        List<String> best = c;
        for (int i = 1; i < c.size(); i++) {
            List<String> r = new ArrayList<>(c.subList(i, c.size()));
            r.addAll(c.subList(0, i));
            if (String.join("\0", r).compareTo(String.join("\0", best)) < 0) {
                best = r;
            }
        }
        return List.copyOf(best);
    }

    /** Eight hex digits of the SHA-256 of the key: the same on every machine and run. */
    public static String id(Outcome o, Finding f) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(key(o, f).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** {@code b01-mmap-writeback-recursion-write-through-1.4-no-cpagewrite-deadlock-1a2b3c4d.md}. */
    public static String fileName(Outcome o, Finding f) {
        String slug = o.scenario().name() + "-" + o.scenario().design() + "-" + f.verdict().name().replace('_', '-');
        return slug.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._+-]+", "-") + "-" + id(o, f) + ".md";
    }

    /** Whether {@code name} is spelled like a finding page (a page also carries {@link FindingPage#MARKER}). */
    public static boolean isFileName(String name) {
        return FILE_NAME.matcher(name).matches();
    }

    public String id() {
        return id(first, finding);
    }

    public String fileName() {
        return fileName(first, finding);
    }

    /** Groups findings into distinct ones, in the order they first appear. */
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
            out.add(new Distinct(firsts.get(i), findings.get(i), kernels.get(i), command.reproduce(firsts.get(i))));
        }
        return out;
    }

    /** How a finding's reproducing command is spelled. */
    @FunctionalInterface
    public interface CommandLine {
        String reproduce(Outcome o);
    }
}
