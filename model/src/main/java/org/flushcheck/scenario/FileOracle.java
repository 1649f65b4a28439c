package org.flushcheck.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import org.flushcheck.detect.Finding;
import org.flushcheck.detect.Verdict;
import org.flushcheck.scenario.FileHistory.Operation;
import org.flushcheck.vm.Page;

/**
 * The file oracle: judges one file of a run that ended cleanly, after the final fsync
 * returned 0. The run is right when some linearization of the file's operations
 * ({@link Linearization}) explains what every read returned and what the fileserver
 * holds; otherwise it is DATA_LOSS, with a report that says why: for a read, which read
 * saw bytes no order allows and where; for the fileserver, the first byte where the
 * closest candidate (the operations in the order they completed) differs, and which
 * operations ran at the same time.
 *
 * <p>It never throws: a history beyond the search's bounds, or any failure of the oracle
 * itself, is a BUG finding naming the scenario and the file.
 *
 * <p>Its reports come in three kinds, each with a title of its own ({@link #STORED_LOSS},
 * {@link #READ_LOSS}, {@link #CANNOT_JUDGE}), which is how fuzz tells them apart.
 */
public final class FileOracle {

    /** The title of a loss on the fileserver begins so; its report says where, and how long each side is. */
    public static final String STORED_LOSS = "DATA_LOSS: no linearization explains file ";
    /** The title of a read that returned bytes no order allows begins so. */
    public static final String READ_LOSS = "DATA_LOSS: a read of file ";
    /** The title of a history the oracle could not judge begins so (a BUG, not a verdict on the design). */
    public static final String CANNOT_JUDGE = "BUG: the file oracle could not judge file ";

    private FileOracle() {
    }

    /**
     * The findings for file {@code fid} of scenario {@code s}: its {@code history} (built
     * here, so that a failure to build it is a finding too) against {@code stored}, what
     * the fileserver holds.
     */
    public static List<Finding> judge(Scenario s, long fid, Supplier<FileHistory> history, byte[] stored) {
        try {
            FileHistory h = history.get().perPage();
            // searched twice only when no order explains it: to tell a read's loss from the fileserver's
            Linearization.Result r = Linearization.search(h, f -> f.firstDifference(stored) < 0);
            if (r instanceof Linearization.Result.None) {
                Linearization.Result reads = Linearization.search(h, f -> true);
                r = reads instanceof Linearization.Result.Found ? r : reads;
            }
            if (r instanceof Linearization.Result.None none) {
                return List.of(none.refused().isEmpty() ? storedLoss(fid, h, none, stored) : readLoss(fid, h, none));
            }
            if (r instanceof Linearization.Result.TooBig big) {
                return List.of(bug(s, fid, "the history is too big for the oracle's search: " + big.why()));
            }
            return List.of();
        } catch (RuntimeException e) {
            return List.of(bug(s, fid, "the oracle failed: " + e));
        }
    }

    private static Finding storedLoss(long fid, FileHistory h, Linearization.Result.None none, byte[] stored) {
        List<Operation> completed = h.operations().stream().sorted(Comparator.comparingLong(Operation::end))
                .toList();
        SequentialFile candidate = new SequentialFile();
        completed.forEach(op -> op.apply(candidate));
        long at = candidate.firstDifference(stored);
        String title = STORED_LOSS + fid + " on the fileserver (the"
                + " completion order differs at byte " + at + ")";
        StringBuilder b = new StringBuilder("after every thread ended and fsync(file " + fid + ") returned 0, the"
                + " fileserver holds " + stored.length + " bytes;\nno order of the file's "
                + count(completed.size(), "operation") + " that respects real time explains them ("
                + count(none.visited(), "configuration") + " searched).\nThe closest candidate, the order they"
                + " completed in, leaves " + candidate.length() + " bytes;\nthe first difference is at byte " + at
                + " (page " + at / Page.PAGE_SIZE + "): the fileserver " + at(stored, at) + ", the candidate "
                + at(candidate.contents(), at) + ".\n\nThe operations, in the order they completed:\n");
        completed.forEach(op -> b.append("  ").append(op).append('\n'));
        return new Finding(Verdict.DATA_LOSS, title, b.append(concurrent(completed)).toString(), List.of());
    }

    private static Finding readLoss(long fid, FileHistory h, Linearization.Result.None none) {
        Operation read = none.refused().get(0);
        String title = READ_LOSS + fid + " returned bytes no linearization allows ("
                + read.label() + ")";
        StringBuilder b = new StringBuilder();
        b.append(read).append(" returned ").append(read.returned()).append(";\nno order of file ").append(fid)
                .append("'s ").append(count(h.operations().size(), "operation")).append(" that respects real time"
                        + " explains them (").append(count(none.visited(), "configuration")).append(" searched).\n"
                        + "The longest order that explains every read in it places ").append(none.prefix().size())
                .append(":\n");
        none.prefix().forEach(op -> b.append("  ").append(op).append('\n'));
        b.append("after it the file holds ").append(none.state().length()).append(" bytes, and no read that"
                + " could come next returned them:\n");
        for (Operation r : none.refused()) {
            long at = r.readDifference(none.state());
            b.append("  ").append(r.label()).append(": differs at byte ").append(at).append(" (the file ")
                    .append(at(none.state().contents(), at)).append(")\n");
        }
        return new Finding(Verdict.DATA_LOSS, title, b.append(concurrent(h.operations())).toString(), List.of());
    }

    private static Finding bug(Scenario s, long fid, String why) {
        return new Finding(Verdict.BUG, CANNOT_JUDGE + fid + " of " + s.name(),
                s.source() + ": file " + fid + ": " + why + "\n", List.of());
    }

    /** The pairs of operations that ran at the same time, one a line. */
    private static String concurrent(List<Operation> ops) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            for (int j = i + 1; j < ops.size(); j++) {
                if (ops.get(i).concurrent(ops.get(j))) {
                    pairs.add("  " + ops.get(i).label() + "  ||  " + ops.get(j).label() + "\n");
                }
            }
        }
        return "\nConcurrent (neither ended before the other began):" + (pairs.isEmpty() ? " none.\n"
                : "\n" + String.join("", pairs));
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** What {@code bytes} holds at {@code at}, for a report. */
    private static String at(byte[] bytes, long at) {
        return at < bytes.length ? String.format("holds 0x%02x", bytes[(int) at] & 0xff) : "has no byte there";
    }
}
