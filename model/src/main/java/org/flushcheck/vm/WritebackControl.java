package org.flushcheck.vm;

/**
 * {@code struct writeback_control}: how much to write, whether to wait (WB_SYNC_ALL)
 * or skip busy pages (WB_SYNC_NONE), and for whom (reclaim, a throttled writer on one
 * bdi). {@code nrToWrite} counts down as pages are written.
 */
public final class WritebackControl {

    /** WB_SYNC_NONE: skip pages under writeback; WB_SYNC_ALL: wait for them (data integrity). */
    public enum SyncMode { WB_SYNC_NONE, WB_SYNC_ALL }

    private final SyncMode syncMode;
    private final boolean forReclaim;
    private final Bdi bdi;
    private long nrToWrite;

    public WritebackControl(SyncMode syncMode, long nrToWrite, boolean forReclaim, Bdi bdi) {
        this.syncMode = syncMode;
        this.nrToWrite = nrToWrite;
        this.forReclaim = forReclaim;
        this.bdi = bdi;
    }

    /** A data-integrity pass over everything (fsync, filemap_fdatawrite). */
    public static WritebackControl syncAll() {
        return new WritebackControl(SyncMode.WB_SYNC_ALL, Long.MAX_VALUE, false, null);
    }

    public SyncMode syncMode() {
        return syncMode;
    }

    public boolean forReclaim() {
        return forReclaim;
    }

    /** The only bdi a throttled writer may write back ({@code wbc->bdi}), or null. */
    public Bdi bdi() {
        return bdi;
    }

    public long nrToWrite() {
        return nrToWrite;
    }

    void wrote() {
        nrToWrite--;
    }
}
