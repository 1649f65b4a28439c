package org.flushcheck.scenario;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hang report as users paste it, read into its blocked tasks and their call frames:
 * a khungtaskd report ({@code INFO: task NAME:PID blocked for more than N seconds.} with
 * its {@code Call Trace:}), a jstack thread dump of a model run, or a lockdep splat
 * ({@code possible circular locking dependency detected} with its dependency chain; each
 * {@code -> #n} link becomes a context of its own). Frames are function names, innermost
 * first; frames the kernel marks unreliable ({@code ? name}) are dropped.
 *
 * @param format  which of the three it was
 * @param kernel  the kernel version the report names (e.g. {@code 2.6.32}), or empty
 * @param tasks   the blocked tasks (contexts) in report order
 */
public record HangReport(Format format, String kernel, List<Task> tasks) {

    /** The report formats {@link #parse} reads. */
    public enum Format { KHUNGTASKD, JSTACK, LOCKDEP }

    /** One blocked task: its name (comm), pid when given, frames innermost first, locks it names. */
    public record Task(String name, String pid, List<String> frames, List<String> locks) {

        public Task {
            frames = List.copyOf(frames);
            locks = List.copyOf(locks);
        }
    }

    private static final Pattern HUNG = Pattern.compile("INFO: task (\\S+?):(\\d+) blocked for more than \\d+ seconds");
    private static final Pattern KFRAME = Pattern.compile(
            "^\\s*(?:\\[<[0-9a-fA-F]+>\\]\\s*)?(\\?\\s+)?(?::\\w+:)?([A-Za-z_][\\w.]*)\\+0x[0-9a-fA-F]+");
    private static final Pattern JTHREAD = Pattern.compile("^\"([^\"]+)\"(?:\\s+#(\\d+))?");
    private static final Pattern JSTATE = Pattern.compile("^\\s+java\\.lang\\.Thread\\.State: (\\w+)");
    private static final Pattern JFRAME = Pattern.compile("^\\s+at (?:[\\w$]+\\.)*([\\w$]+)\\.([\\w$<>]+)\\(");
    /** The sync layer's waits in a jstack, spelled as the kernel functions they model. */
    private static final Map<String, String> SYNC_FRAMES = Map.of(
            "PageBits.lock", "lock_page", "PageBits.waitUnlocked", "wait_on_page_locked",
            "PageBits.waitOnWriteback", "wait_on_page_writeback", "Mutex.lock", "mutex_lock",
            "AfsRwLock.obtain", "Afs_Lock_Obtain", "Event.sleep", "afs_osi_Sleep");
    private static final Pattern LTASK = Pattern.compile("^(\\S+)/(\\d+) is trying to acquire lock:");
    private static final Pattern LLOCK = Pattern.compile("^\\s*(?:-> #\\d+ )?\\(([^(){}]+)\\)\\{[^}]*\\}");
    private static final Pattern LLINK = Pattern.compile("^-> #(\\d+) ");
    private static final Pattern KERNEL = Pattern.compile("\\b([2-9]\\.\\d+(?:\\.\\d+)?)[-.\\s#]");

    /** Reads {@code text}; an IllegalArgumentException when it is none of the three formats. */
    public static HangReport parse(String text) {
        String[] lines = text.split("\\R", -1);
        Format f = text.contains("possible circular locking dependency")
                || text.contains("possible recursive locking detected") ? Format.LOCKDEP
                : HUNG.matcher(text).find() ? Format.KHUNGTASKD
                : text.contains("java.lang.Thread.State:") ? Format.JSTACK : null;
        if (f == null) {
            throw new IllegalArgumentException("not a hang report: expected a khungtaskd report ('INFO: task"
                    + " NAME:PID blocked for more than N seconds.'), a jstack dump or a lockdep splat");
        }
        List<Task> tasks = switch (f) {
            case KHUNGTASKD -> khungtaskd(lines);
            case JSTACK -> jstack(lines);
            case LOCKDEP -> lockdep(lines);
        };
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("the " + f.name().toLowerCase(Locale.ROOT)
                    + " report names no blocked task with a call trace");
        }
        String kernel = "";
        if (f != Format.JSTACK) {
            Matcher k = KERNEL.matcher(text.replaceAll("\\[<[0-9a-fA-F]+>\\]", ""));
            kernel = k.find() ? k.group(1) : "";
        }
        return new HangReport(f, kernel, tasks);
    }

    private static List<Task> khungtaskd(String[] lines) {
        List<Task> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher m = HUNG.matcher(lines[i]);
            if (!m.find()) {
                continue;
            }
            List<String> frames = new ArrayList<>();
            int j = i + 1;
            for (; j < lines.length && !HUNG.matcher(lines[j]).find(); j++) {
                frame(KFRAME, lines[j], frames);
            }
            out.add(new Task(m.group(1), m.group(2), frames, List.of()));
            i = j - 1;
        }
        return out;
    }

    private static List<Task> jstack(String[] lines) {
        List<Task> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher t = JTHREAD.matcher(lines[i]);
            if (!t.find()) {
                continue;
            }
            String state = "";
            List<String> frames = new ArrayList<>();
            int j = i + 1;
            for (; j < lines.length && !lines[j].startsWith("\""); j++) {
                Matcher s = JSTATE.matcher(lines[j]);
                if (s.find()) {
                    state = s.group(1);
                }
                Matcher fr = JFRAME.matcher(lines[j]);
                if (fr.find()) {
                    frames.add(SYNC_FRAMES.getOrDefault(fr.group(1) + "." + fr.group(2), fr.group(2)));
                }
            }
            if ((state.equals("WAITING") || state.equals("BLOCKED") || state.equals("TIMED_WAITING"))
                    && frames.stream().anyMatch(HangReport::modelLike)) {
                out.add(new Task(t.group(1), t.group(2) == null ? "" : t.group(2), frames, List.of()));
            }
            i = j - 1;
        }
        return out;
    }

    /** A model frame keeps its C name: lower case with underscores, or a C-style AFS name. */
    private static boolean modelLike(String frame) {
        return frame.contains("_") || frame.startsWith("afs") || frame.startsWith("osi");
    }

    /**
     * The task trying to acquire and each {@code -> #n} link of the chain are contexts; the
     * frames after {@code stack backtrace:} are the trying task's own.
     */
    private static List<Task> lockdep(String[] lines) {
        List<String> names = new ArrayList<>();
        List<String> pids = new ArrayList<>();
        List<List<String>> frames = new ArrayList<>();
        List<Set<String>> locks = new ArrayList<>();
        int current = -1;
        for (String line : lines) {
            Matcher t = LTASK.matcher(line);
            Matcher link = LLINK.matcher(line);
            boolean task = t.find();
            if (task || link.find()) {
                names.add(task ? t.group(1) : "chain-" + link.group(1));
                pids.add(task ? t.group(2) : "");
                frames.add(new ArrayList<>());
                locks.add(new LinkedHashSet<>());
                current = names.size() - 1;
            } else if (line.startsWith("stack backtrace")) {
                current = names.isEmpty() ? -1 : 0;
                continue;
            } else if (line.startsWith("other info") || line.matches("^\\d+ locks? held by .*")) {
                current = -1;
            }
            if (current < 0) {
                continue;
            }
            Matcher l = LLOCK.matcher(line);
            if (l.find()) {
                locks.get(current).add(lockClass(l.group(1)));
            }
            int at = line.indexOf("at: ");
            frame(KFRAME, at >= 0 ? line.substring(at + 4) : line, frames.get(current));
        }
        List<Task> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            out.add(new Task(names.get(i), pids.get(i), frames.get(i), List.copyOf(locks.get(i))));
        }
        return out;
    }

    /** lockdep's lock names spelled as the model's lock classes. */
    static String lockClass(String lockdep) {
        String n = lockdep.strip().replaceFirst("^&", "");
        if (n.equals("afs_global_lock")) {
            return "AFS_GLOCK";
        }
        if (n.contains("i_mutex")) {
            return "i_mutex";
        }
        return n;
    }

    private static void frame(Pattern p, String line, List<String> frames) {
        Matcher m = p.matcher(line);
        if (m.find() && m.group(1) == null) {
            frames.add(m.group(2));
        }
    }
}
