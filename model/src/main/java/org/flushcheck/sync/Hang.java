package org.flushcheck.sync;

import java.util.List;

/**
 * A snapshot of a run that cannot finish, taken at the moment it was detected:
 * the kind, the explaining chain (a cycle for DEADLOCK), every stuck task and every
 * task of the domain, with what each held and waited for.
 */
public record Hang(Kind kind, int detectedBy, List<TaskState> chain, List<TaskState> stuck,
        List<TaskState> all, long blockedNanos, String cut) {
    // blockedNanos: for HUNG_TASK the bound that fired (khungtaskd prints its timeout), else 0
    // cut: for a HUNG_TASK that is a controlled run cut short, why (its step bound, no task
    // could run) and when on the virtual clock; null when a wait was detected

    /** DEADLOCK: a cycle reached; STALL: a wait nothing can end; HUNG_TASK: the watchdog fired. */
    public enum Kind { DEADLOCK, STALL, HUNG_TASK }

    public Hang {
        chain = List.copyOf(chain);
        stuck = List.copyOf(stuck);
        all = List.copyOf(all);
    }

    /** One line: the kind and the chain, e.g. {@code DEADLOCK: a/1 -> AFS_GLOCK -> b/2 -> ...}. */
    public String summary() {
        StringBuilder s = new StringBuilder(kind.name()).append(':');
        for (TaskState t : chain) {
            s.append(' ').append(t.name());
            if (t.waiting() != null) {
                s.append(" -> ").append(t.waiting().describe());
            }
            s.append(" ->");
        }
        s.append(kind == Kind.DEADLOCK ? " " + chain.get(0).name() : " (nothing can end it)");
        return s.toString();
    }
}
