package org.flushcheck.sync;

import java.util.Optional;

/**
 * Where a lock was taken or a wait began: the first frame outside the sync package. Model functions keep their C names, so {@code function} reads like the
 * {@code at: afs_write+0x..} of a lockdep report.
 */
public record Site(String function, String file, int line) {

    /** A site for reports built without a stack, e.g. from a parsed hang report. */
    public static final Site UNKNOWN = new Site("?", "?", 0);

    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final String SYNC = "org.flushcheck.sync.";

    static Site capture() {
        Optional<StackWalker.StackFrame> frame = WALKER.walk(s -> s
                .filter(f -> !f.getClassName().startsWith(SYNC))
                .findFirst());
        return frame.map(f -> new Site(f.getMethodName(), String.valueOf(f.getFileName()),
                f.getLineNumber())).orElse(UNKNOWN);
    }

    @Override
    public String toString() {
        return line > 0 ? function + " (" + file + ":" + line + ")" : function;
    }
}
