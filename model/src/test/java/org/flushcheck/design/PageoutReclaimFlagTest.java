package org.flushcheck.design;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flushcheck.afs.AfsConfig;
import org.flushcheck.afs.VCache;
import org.flushcheck.detect.Verdict;
import org.flushcheck.testing.ModelRun;
import org.flushcheck.testing.Quiescence;
import org.flushcheck.vm.KernelProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * DATA_LOSS: file 1 on the fileserver differs from the spec at byte 0
 * (r06-reclaim-activate-drops-mmap-dirt under sample-01-reclaim-redirty on 2.6.18).
 * pageout() left PG_reclaim set after a writepage that redirtied the page; 2.6.18's
 * clear_page_dirty_for_io keeps PG_reclaim, so fsync's writepage took the PageReclaim
 * ACTIVATE and the page's dirt was lost. The kernel's pageout clears PG_reclaim when the
 * page is not under writeback ("synchronous write or broken a_ops?") and on ACTIVATE.
 */
@ExtendWith(Quiescence.class)
class PageoutReclaimFlagTest {

    /** A page reclaim redirtied is written by the next fsync, not refused as a reclaim page. */
    @Test
    void fsync_afterReclaimRedirtied_storesThePage(Quiescence.Runs runs, @TempDir Path dir) throws Exception {
        LockDesign d = LockDesign.named("sample-01-reclaim-redirty");
        Rig rig = new Rig(runs, d, KernelProfile.K2_6_18, AfsConfig.of(1, 16),
                Files.createDirectories(dir.resolve("cache")),
                ModelRun.detectors().order(d.lockOrder()).build());
        byte[] stored = Rig.bytes(Rig.PAGE, 9);
        rig.task("writer", () -> {
            VCache f = rig.client.open(1);
            assertEquals(Rig.PAGE, rig.client.write(f, 0, Rig.bytes(Rig.PAGE, 1)));
            rig.client.mmapStore(f, 0, stored);
            rig.client.reclaim();
            assertEquals(0, rig.client.fsync(f));
            assertArrayEquals(stored, rig.client.stored(f));
        });
        rig.stop();
        assertEquals(Verdict.CLEAN, rig.run.detectors.verdict());
    }
}
