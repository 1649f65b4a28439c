package org.flushcheck.fuzz;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flushcheck.detect.Finding;
import org.flushcheck.detect.Verdict;
import org.flushcheck.report.Distinct;
import org.flushcheck.scenario.FileOracle;
import org.flushcheck.sync.LockingViolation;

/**
 * What makes two fuzz findings the same one: one key per kind of report the detectors and
 * the file oracle print. A hang, an inversion or an order violation by its verdict and lock
 * classes (a cycle from its smallest rotation, as {@link Distinct#classes} takes it); a
 * broken locking rule by the rule ({@code BUG NOT_HELD}); the oracle's reports by their
 * kind ({@link FileOracle}'s titles): a read that returned bytes no order allows
 * ({@code DATA_LOSS read}), a fileserver that holds what no order explains, by the cause of
 * its first differing byte ({@code DATA_LOSS stored short|long|bytes}), a history the
 * oracle could not judge ({@code BUG oracle}). Scenario, design, offsets and file ids are
 * not part of a key: one fuzz run is one design, and shrinking changes the rest.
 *
 * <p>The stored cause is read from the oracle's report ("the fileserver holds G bytes; ...
 * The closest candidate ... leaves C bytes; the first difference is at byte A"):
 * {@code short} when the fileserver lacks the candidate's tail (A = G &lt; C), {@code long}
 * when it holds bytes past the candidate's end (A = C &lt; G: a lost truncate), {@code bytes}
 * when a byte both hold differs. A report none of these patterns reads is keyed
 * {@code unread}, which {@code KeyTest} keeps from happening for every report the tools
 * print.
 */
public final class Key {

    private static final Pattern STORED = Pattern.compile(
            "fileserver holds (\\d+) bytes;.*?leaves (\\d+) bytes;\\s*the first difference is at byte (\\d+)",
            Pattern.DOTALL);

    private Key() {
    }

    /** The key of {@code f}: {@code DEADLOCK avc->lock -> PG_locked}, {@code DATA_LOSS stored short}. */
    public static String of(Finding f) {
        List<String> classes = Distinct.classes(f);
        if (!classes.isEmpty()) {
            return f.verdict() + " " + String.join(" -> ", classes);
        }
        String title = f.title();
        if (f.verdict() == Verdict.DATA_LOSS) {
            if (title.startsWith(FileOracle.READ_LOSS)) {
                return "DATA_LOSS read";
            }
            return "DATA_LOSS " + (title.startsWith(FileOracle.STORED_LOSS) ? "stored " + storedCause(f.report())
                    : "unread");
        }
        if (f.verdict() == Verdict.BUG) {
            if (title.startsWith(FileOracle.CANNOT_JUDGE)) {
                return "BUG oracle";
            }
            for (LockingViolation.Rule r : LockingViolation.Rule.values()) {
                if (title.startsWith("BUG: " + r.title() + ":")) {
                    return "BUG " + r.name();
                }
            }
            return "BUG unread";
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

    private static String storedCause(String report) {
        Matcher m = STORED.matcher(report);
        if (!m.find()) {
            return "unread";
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
