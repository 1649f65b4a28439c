package org.flushcheck.design;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.flushcheck.afs.AfsConfig;
import org.flushcheck.afs.AfsVariant;
import org.flushcheck.afs.CacheManager;
import org.flushcheck.afs.VCache;
import org.flushcheck.detect.LockOrder;
import org.flushcheck.detect.Verdict;
import org.flushcheck.testing.ModelRun;
import org.flushcheck.testing.Quiescence;
import org.flushcheck.vm.AddressSpaceOperations;
import org.flushcheck.vm.Inode;
import org.flushcheck.vm.KernelProfile;
import org.flushcheck.vm.Page;
import org.flushcheck.vm.Truncate;
import org.flushcheck.vm.WritebackControl;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DATA_LOSS: file 1 on the fileserver differs from the spec at byte 4096 (issue 15,
 * c01-everything-at-once under page-writeback-1.6 on 2.6.32, schedule
 * s15c6et08a9g2g42j01b90239c1c1g6m8b0g1hp2rr0). The write fault of an mmap store read a
 * page that was not up to date; readpage unlocked it, afs_ShakeLooseVCaches'
 * truncate_inode_pages took it out of the mapping, and the fault stored into the orphan
 * and dirtied it, where no writeback could find it: fsync returned 0 without the bytes.
 * filemap_fault looks the page up again after readpage ({@code goto retry_find}).
 */
@ExtendWith(Quiescence.class)
class MmapFaultTruncatedPageTest {

    static Stream<Arguments> designs() {
        return Stream.of("write-through-1.4", "page-writeback-1.6", "naive-deferred", "safe-deferred")
                .flatMap(d -> Stream.of(KernelProfile.values()).map(k -> Arguments.of(d, k)));
    }

    /** A page truncated between the fault's readpage and its store: the store still reaches the fileserver. */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("designs")
    void mmapStore_pageTruncatedAfterReadpage_storeReachesFileserver(String design, KernelProfile k,
            Quiescence.Runs runs, @TempDir Path dir) throws Exception {
        AtomicBoolean armed = new AtomicBoolean();
        AtomicBoolean truncated = new AtomicBoolean();
        LockDesign d = new TruncateAfterReadpage(LockDesign.named(design), armed, truncated);
        Rig rig = new Rig(runs, d, k, AfsConfig.of(1, 16), Files.createDirectories(dir.resolve("cache")),
                ModelRun.detectors().order(d.lockOrder()).build());
        byte[] spec = Rig.bytes(3 * Rig.PAGE, 1);
        byte[] stored = Rig.bytes(Rig.PAGE, 9);
        System.arraycopy(stored, 0, spec, Rig.PAGE, Rig.PAGE);
        rig.task("writer1", () -> {
            VCache f = rig.client.open(1);
            assertEquals(3 * Rig.PAGE, rig.client.write(f, 0, Rig.bytes(3 * Rig.PAGE, 1)));
            assertEquals(0, rig.client.fsync(f));
            Truncate.truncate_inode_pages(f.inode().mapping(), 0); // the shaker: the fault must read page 1
            armed.set(true);
            rig.client.mmapStore(f, Rig.PAGE, stored);
            assertTrue(truncated.get(), "the page was truncated after readpage");
            assertEquals(0, rig.client.fsync(f));
            assertArrayEquals(spec, rig.client.stored(f));
        });
        rig.stop();
        assertEquals(Verdict.CLEAN, rig.run.detectors.verdict());
    }

    /**
     * {@code design} whose readpage, once armed, lets truncate_inode_pages run on the
     * whole mapping after the page is read and unlocked: osi_VM_FlushVCache's truncate
     * in the window between readpage and the fault's next look at the page.
     */
    private record TruncateAfterReadpage(LockDesign design, AtomicBoolean armed, AtomicBoolean truncated)
            implements LockDesign {

        @Override
        public String name() {
            return design.name();
        }

        @Override
        public String summary() {
            return design.summary();
        }

        @Override
        public AfsVariant variant() {
            return design.variant();
        }

        @Override
        public AddressSpaceOperations aops(CacheManager cm) {
            AddressSpaceOperations real = design.aops(cm);
            return new AddressSpaceOperations() {
                @Override
                public Page write_begin(Inode inode, long pos, int len) {
                    return real.write_begin(inode, pos, len);
                }

                @Override
                public int write_end(Inode inode, long pos, int copied, Page page) {
                    return real.write_end(inode, pos, copied, page);
                }

                @Override
                public int writepage(Page page, WritebackControl wbc) {
                    return real.writepage(page, wbc);
                }

                @Override
                public void readpage(Page page) {
                    real.readpage(page);
                    if (armed.getAndSet(false)) {
                        Truncate.truncate_inode_pages(page.mapping(), 0);
                        truncated.set(true);
                    }
                }
            };
        }

        @Override
        public LockOrder lockOrder() {
            return design.lockOrder();
        }

        @Override
        public LockingTable lockingTable() {
            return design.lockingTable();
        }
    }
}
