package org.flushcheck.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.flushcheck.afs.AfsConfig;
import org.flushcheck.vm.KernelProfile;
import org.flushcheck.vm.Vm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad input is an IllegalArgumentException with one sentence naming the value, before anything is built. */
class BadInputTest {

    private static String message(Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    /** An unknown design name lists the known ones. */
    @Test
    void unknownDesign_namesTheKnownOnes() {
        assertEquals("unknown lock design 'deferred'; known: write-through-1.4, write-through-1.4-no-cpagewrite, "
                + "page-writeback-1.6, "
                + "naive-deferred, safe-deferred, sample-01-reclaim-redirty",
                message(() -> LockDesign.named("deferred")));
    }

    /** An unknown kernel profile lists the known ones. */
    @Test
    void unknownKernel_namesTheKnownOnes() {
        assertEquals("unknown kernel profile '2.6.9'; known: 2.6.18, 2.6.32, 3.2+",
                message(() -> KernelProfile.named("2.6.9")));
    }

    /** Impossible sizes and ratios are refused with the value in the sentence. */
    @Test
    void impossibleSizes_refused() {
        assertEquals("cache of 0 chunks is smaller than one chunk of 4 pages",
                message(() -> AfsConfig.of(4, 0)));
        assertEquals("chunk of 0 pages: a chunk needs at least 1 page", message(() -> AfsConfig.of(0, 4)));
        assertEquals("dirty ratio 140 is not a percentage in 1..100",
                message(() -> new Vm.Config(4096, 140, 10, 8)));
        assertEquals("memory of 8 pages is too small: a kernel needs at least 16",
                message(() -> new Vm.Config(8, 20, 10, 8)));
        assertEquals("max dirty chunks 9 must be in 1..4 (the cache size in chunks)",
                message(() -> AfsConfig.of(1, 4).withMaxDirtyChunks(9)));
    }
}
