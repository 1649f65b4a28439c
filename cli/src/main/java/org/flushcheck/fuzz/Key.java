package org.flushcheck.fuzz;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flushcheck.detect.Finding;
import org.flushcheck.detect.Verdict;
import org.flushcheck.report.Distinct;

/**
 * What makes two fuzz findings the same one: the verdict and the lock classes (a cycle from
 * its smallest rotation, as {@link Distinct#classes} takes it). A finding that names no
 * classes is told apart by what its report gives: a DATA_LOSS by the cause of its first
 * differing byte, a BUG by the rule it broke. Scenario and design are not part of the key:
 * one fuzz run is one design, and the scenario is what shrinking changes.
 *
 * <p>The DATA_LOSS cause is read from the oracle's report ("the fileserver holds G bytes and
 * the sequential spec W bytes; the first difference is at byte A"): {@code short} when the
 * fileserver lacks the spec's tail (A = G < W), {@code long} when it holds bytes past the
 * spec's end (A = W < G: a lost truncate), {@code bytes} when a byte both hold differs. The
 * offset itself is left out: shrinking moves it.
 */
public final class Key {

    private static final Pattern LOSS = Pattern.compile(
            "holds (\\d+) bytes and the sequential spec (\\d+) bytes;\\s*the first difference is at byte (\\d+)");

    private Key() {
    }

    /** The key of {@code f}: {@code DEADLOCK avc->lock -> PG_locked}, {@code DATA_LOSS short}. */
    public static String of(Finding f) {
        List<String> classes = Distinct.classes(f);
        if (!classes.isEmpty()) {
            return f.verdict() + " " + String.join(" -> ", classes);
        }
        if (f.verdict() == Verdict.DATA_LOSS) {
            return f.verdict() + " " + lossCause(f.report());
        }
        if (f.verdict() == Verdict.BUG && f.title().startsWith("BUG: ")) {
            int colon = f.title().indexOf(':', 5);
            return f.verdict() + " " + (colon < 0 ? f.title().substring(5) : f.title().substring(5, colon));
        }
        return f.verdict().name();
    }

    /**
     * The key of a run the model could not finish: the exception's kind, and the verdict
     * its message starts with if any ({@code BROKE DeadlockException HUNG_TASK}).
     */
    public static String broke(Throwable t) {
        Throwable root = t.getCause() != null ? t.getCause() : t;
        String message = String.valueOf(root.getMessage());
        String verdict = "";
        for (Verdict v : Verdict.values()) {
            if (message.startsWith(v.name() + ":")) {
                verdict = " " + v.name();
            }
        }
        return "BROKE " + root.getClass().getSimpleName() + verdict;
    }

    private static String lossCause(String report) {
        Matcher m = LOSS.matcher(report);
        if (!m.find()) {
            return "unknown";
        }
        long got = Long.parseLong(m.group(1));
        long want = Long.parseLong(m.group(2));
        long at = Long.parseLong(m.group(3));
        if (at == got && got < want) {
            return "short";
        }
        return at == want && want < got ? "long" : "bytes";
    }
}
