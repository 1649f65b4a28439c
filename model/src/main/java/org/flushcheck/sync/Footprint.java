package org.flushcheck.sync;

/**
 * What one step of a task touches, for partial-order reduction: at most two resource
 * ids (a wait's resource and the mutex it drops while it sleeps), packed in a long.
 *
 * <p>Ids are handed out by the domain in creation order ({@link Domain#newId}), so the
 * same run gives the same ids: a footprint recorded in one run of an exploration names
 * the same resource in the next. Two steps are independent when their footprints are
 * disjoint; {@link #GLOBAL} (spawn, exit, an abort, an observation of the whole model)
 * conflicts with everything, and {@link #NONE} (a task's start, which runs only its own
 * code up to its first scheduling point) with nothing.
 */
public final class Footprint {

    /** Conflicts with every step. */
    public static final long GLOBAL = pack(0, 0);

    /** Conflicts with no step. */
    public static final long NONE = pack(-1, -1);

    private Footprint() {
    }

    /** The footprint of a step on resource {@code id} alone. */
    static long of(int id) {
        return pack(id, -1);
    }

    /** The footprint of a step on {@code a} and {@code b}. */
    static long of(int a, int b) {
        return pack(a, b);
    }

    private static long pack(int a, int b) {
        return ((long) a << 32) | (b & 0xffffffffL);
    }

    private static int first(long f) {
        return (int) (f >> 32);
    }

    private static int second(long f) {
        return (int) f;
    }

    /** Whether two steps with these footprints commute. */
    public static boolean independent(long f, long g) {
        if (f == NONE || g == NONE) {
            return true;
        }
        if (f == GLOBAL || g == GLOBAL) {
            return false;
        }
        int a = first(f);
        int b = second(f);
        int c = first(g);
        int d = second(g);
        return a != c && a != d && (b < 0 || (b != c && b != d));
    }

    /** {@code r12}, {@code r12+r3}, {@code *} or {@code -}: for explorer traces. */
    public static String describe(long f) {
        if (f == GLOBAL) {
            return "*";
        }
        if (f == NONE) {
            return "-";
        }
        return "r" + first(f) + (second(f) < 0 ? "" : "+r" + second(f));
    }
}
