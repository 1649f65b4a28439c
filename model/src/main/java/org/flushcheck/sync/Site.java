package org.flushcheck.sync;

import java.util.List;

/**
 * Where a lock was taken or a wait began: the first frame outside the sync package.
 * Model functions keep their C names, so {@code function} reads like the
 * {@code at: afs_write+0x..} of a lockdep report. {@code callers} are the model functions
 * further up the stack (innermost first), kept when the observer asks for them
 * ({@link Observer#recordsCallers}) so locking tables can be checked per entry point.
 */
public record Site(String function, String file, int line, List<String> callers) {

    /** A site for reports built without a stack, e.g. from a parsed hang report. */
    public static final Site UNKNOWN = new Site("?", "?", 0, List.of());

    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final String SYNC = "org.flushcheck.sync.";
    private static final String MODEL = "org.flushcheck.";

    public Site {
        callers = List.copyOf(callers);
    }

    public Site(String function, String file, int line) {
        this(function, file, line, List.of());
    }

    static Site capture(boolean withCallers) {
        List<StackWalker.StackFrame> frames = WALKER.walk(s -> s
                .filter(f -> !f.getClassName().startsWith(SYNC))
                .limit(withCallers ? Long.MAX_VALUE : 1)
                .toList());
        if (frames.isEmpty()) {
            return UNKNOWN;
        }
        StackWalker.StackFrame top = frames.get(0);
        List<String> callers = withCallers ? frames.stream().skip(1)
                .filter(f -> f.getClassName().startsWith(MODEL))
                .map(StackWalker.StackFrame::getMethodName).toList() : List.of();
        return new Site(top.getMethodName(), String.valueOf(top.getFileName()), top.getLineNumber(),
                callers);
    }

    /** Whether {@code function} is this site or one of its callers. */
    public boolean within(String entryPoint) {
        return function.equals(entryPoint) || callers.contains(entryPoint);
    }

    @Override
    public String toString() {
        return line > 0 ? function + " (" + file + ":" + line + ")" : function;
    }
}
