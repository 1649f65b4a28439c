package org.flushcheck.vm;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The VM rules that differ between kernel eras (openafs-model.md §5, C10, C14, C17,
 * C21, C23), as data. The model branches on these fields only.
 */
public enum KernelProfile {

    /** RHEL5: global dirty limits, the throttled writer writes back in its own context; pdflush. */
    K2_6_18("2.6.18", Throttle.GLOBAL_WRITES_BACK, FlusherKind.PDFLUSH, true,
            FsyncEra.FDATAWRITE_MUTEX_FSYNC_FDATAWAIT, 40, 10, 5),
    /** RHEL6: per-bdi limits, writes back in the caller's context above bdi_thresh; flush-MAJ:MIN. */
    K2_6_32("2.6.32", Throttle.PER_BDI_WRITES_BACK, FlusherKind.PER_BDI, true,
            FsyncEra.WRITE_AND_WAIT_MUTEX_FSYNC, 20, 10, 5),
    /** 3.2 and later: throttling only sleeps; direct reclaim never calls ->writepage. */
    K3_2("3.2+", Throttle.SLEEP_ONLY, FlusherKind.PER_BDI, false, FsyncEra.FSYNC_TAKES_MUTEX, 20, 10, 0);

    /** What a task over its dirty limit does in balance_dirty_pages. */
    public enum Throttle {
        /** 2.6.18: global thresholds; writeback_inodes(bdi = own mapping's) in the caller's context. */
        GLOBAL_WRITES_BACK,
        /** 2.6.24-2.6.32: per-bdi thresholds; writes back in the caller's context above bdi_thresh. */
        PER_BDI_WRITES_BACK,
        /** 3.2+: IO-less throttling, the task only sleeps while the flusher works. */
        SLEEP_ONLY
    }

    /** Who does background writeback. */
    public enum FlusherKind {
        /** A shared pool of 2-8 pdflush threads, at most one per bdi (writeback_acquire). */
        PDFLUSH,
        /** One flusher thread per bdi (flush-afs). */
        PER_BDI
    }

    /** The VFS order of fsync (C14). */
    public enum FsyncEra {
        /** <= 2.6.31: filemap_fdatawrite, then i_mutex around ->fsync, then filemap_fdatawait. */
        FDATAWRITE_MUTEX_FSYNC_FDATAWAIT,
        /** 2.6.32-3.0: filemap_write_and_wait_range, then i_mutex around ->fsync. */
        WRITE_AND_WAIT_MUTEX_FSYNC,
        /** >= 3.1: ->fsync is called without i_mutex and takes it itself. */
        FSYNC_TAKES_MUTEX
    }

    private final String label;
    private final Throttle throttle;
    private final FlusherKind flusher;
    private final boolean directReclaimWritesFilePages;
    private final FsyncEra fsync;
    private final int dirtyRatio;
    private final int backgroundRatio;
    private final int minDirtyRatio;

    KernelProfile(String label, Throttle throttle, FlusherKind flusher,
            boolean directReclaimWritesFilePages, FsyncEra fsync, int dirtyRatio, int backgroundRatio,
            int minDirtyRatio) {
        this.label = label;
        this.throttle = throttle;
        this.flusher = flusher;
        this.directReclaimWritesFilePages = directReclaimWritesFilePages;
        this.fsync = fsync;
        this.dirtyRatio = dirtyRatio;
        this.backgroundRatio = backgroundRatio;
        this.minDirtyRatio = minDirtyRatio;
    }

    /** The profile named {@code label} ("2.6.18", "2.6.32", "3.2+"). */
    public static KernelProfile named(String label) {
        for (KernelProfile k : values()) {
            if (k.label.equals(label)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown kernel profile '" + label + "'; known: "
                + Arrays.stream(values()).map(KernelProfile::label).collect(Collectors.joining(", ")));
    }

    public String label() {
        return label;
    }

    public Throttle throttle() {
        return throttle;
    }

    public FlusherKind flusher() {
        return flusher;
    }

    /** Whether direct reclaim calls ->writepage on dirty file pages (not from 3.2, C23). */
    public boolean directReclaimWritesFilePages() {
        return directReclaimWritesFilePages;
    }

    public FsyncEra fsync() {
        return fsync;
    }

    /**
     * Whether a write fault on a shared mapping throttles ({@code set_page_dirty_balance},
     * 2.6.19+). On 2.6.18 mmap dirtying is not throttled at all [RECALL, §5].
     */
    public boolean mmapDirtyThrottles() {
        return this != K2_6_18;
    }

    /** Default vm.dirty_ratio of the era, percent. */
    public int dirtyRatio() {
        return dirtyRatio;
    }

    /**
     * The floor get_dirty_limits puts under vm.dirty_ratio, percent: 5 up to 2.6.36 ("if
     * (dirty_ratio < 5) dirty_ratio = 5"), none from 2.6.37 ("writeback: remove the internal
     * 5% low bound on dirty_ratio").
     */
    public int minDirtyRatio() {
        return minDirtyRatio;
    }

    /** Default vm.dirty_background_ratio of the era, percent. */
    public int backgroundRatio() {
        return backgroundRatio;
    }

    @Override
    public String toString() {
        return label;
    }
}
