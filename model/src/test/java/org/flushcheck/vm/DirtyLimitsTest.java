package org.flushcheck.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.flushcheck.sync.Domain;
import org.junit.jupiter.api.Test;

/**
 * {@code get_dirty_limits} per era: dirty_ratio is raised to 5% up to 2.6.36 and taken as
 * it is from 2.6.37 ("writeback: remove the internal 5% low bound on dirty_ratio"); the
 * background threshold is halved from the dirty one when it would reach it.
 */
class DirtyLimitsTest {

    private static Vm vm(KernelProfile kernel, long pages, int dirtyRatio, int backgroundRatio) {
        return new Vm(Domain.withoutDetectors(), kernel, new Vm.Config(pages, dirtyRatio, backgroundRatio, 8));
    }

    @Test
    void dirtyThresh_lowRatio_raisedToTheFloorBefore2637Only() {
        assertEquals(50, vm(KernelProfile.K2_6_18, 1000, 1, 10).dirtyThresh());
        assertEquals(50, vm(KernelProfile.K2_6_32, 1000, 1, 10).dirtyThresh());
        assertEquals(10, vm(KernelProfile.K3_2, 1000, 1, 10).dirtyThresh());
        assertEquals(200, vm(KernelProfile.K2_6_32, 1000, 20, 10).dirtyThresh());
    }

    @Test
    void backgroundThresh_atOrAboveDirty_halvedFromIt() {
        assertEquals(100, vm(KernelProfile.K2_6_32, 1000, 20, 10).backgroundThresh());
        assertEquals(25, vm(KernelProfile.K2_6_32, 1000, 1, 10).backgroundThresh());
        assertEquals(5, vm(KernelProfile.K3_2, 1000, 1, 10).backgroundThresh());
    }
}
