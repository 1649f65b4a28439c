package org.flushcheck.sync;

/** Allocation flags that matter to reclaim: may the allocation sleep, may it enter the fs. */
public enum Gfp {
    /** {@code GFP_KERNEL}: may sleep, may enter reclaim and call {@code ->writepage}. */
    GFP_KERNEL(true, true),
    /** {@code GFP_NOFS}: may sleep, but reclaim must not re-enter a file system. */
    GFP_NOFS(true, false),
    /** {@code GFP_ATOMIC}: never sleeps. */
    GFP_ATOMIC(false, false);

    private final boolean mayWait;
    private final boolean fs;

    Gfp(boolean mayWait, boolean fs) {
        this.mayWait = mayWait;
        this.fs = fs;
    }

    public boolean mayWait() {
        return mayWait;
    }

    /** {@code __GFP_FS}. */
    public boolean fs() {
        return fs;
    }
}
