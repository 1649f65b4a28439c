package org.flushcheck.vm;

/**
 * fs/fs-writeback.c: writing back the dirty inodes of one or every bdi
 * ({@code writeback_inodes}, {@code sync_sb_inodes}, {@code writeback_single_inode}).
 */
public final class FsWriteback {

    private FsWriteback() {
    }

    /**
     * {@code writeback_inodes(wbc)}: every mapping with dirty pages on {@code wbc.bdi()}
     * (or on every bdi), until {@code nrToWrite} runs out. A throttled writer restricted
     * to one bdi writes only that bdi ({@code if (wbc->bdi && bdi != wbc->bdi) break}).
     */
    public static void writeback_inodes(Vm vm, WritebackControl wbc) {
        for (Bdi bdi : vm.bdis()) {
            if ((wbc.bdi() != null && wbc.bdi() != bdi) || !bdi.capWriteback()) {
                continue;
            }
            for (AddressSpace mapping : bdi.mappings()) {
                if (wbc.nrToWrite() <= 0) {
                    return;
                }
                if (!mapping.taggedDirty(0).isEmpty()) {
                    writeback_single_inode(mapping, wbc);
                }
            }
        }
    }

    /**
     * {@code writeback_single_inode}: under I_SYNC; WB_SYNC_NONE skips an inode another
     * task is writing back, WB_SYNC_ALL waits for it.
     */
    public static int writeback_single_inode(AddressSpace mapping, WritebackControl wbc) {
        Inode inode = mapping.host();
        if (wbc.syncMode() == WritebackControl.SyncMode.WB_SYNC_NONE) {
            if (!inode.iSync().tryLock()) {
                return 0;
            }
        } else {
            inode.iSync().lock();
        }
        try {
            return PageWriteback.do_writepages(mapping, wbc);
        } finally {
            inode.iSync().unlock();
        }
    }
}
