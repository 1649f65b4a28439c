package org.flushcheck.scenario;

import org.flushcheck.afs.AfsConfig;
import org.flushcheck.vm.KernelProfile;
import org.flushcheck.vm.Vm;

/**
 * The sizes and switches of a scenario's machine and cache. A ratio of 0 means the kernel
 * era's default; {@code maxDirtyChunks} 0 means AfsConfig's default (two thirds of the cache).
 * The AFS fixes are on unless a scenario turns one off to reproduce an older release.
 */
public record Sizes(long memoryPages, int dirtyRatio, int backgroundRatio, int ratelimitPages,
        int chunkPages, int cacheChunks, int maxDirtyChunks, int fileserverLatency,
        boolean cacheOnTmpfs, boolean truncateDaemonFix, boolean storeReleasesLeftovers) {

    /** What a scenario gets for each size it does not give. */
    public static final Sizes DEFAULTS = new Sizes(4096, 0, 0, 8, 4, 16, 0, 0, false, true, true);

    /** The same sizes with the AFS fixes as given. */
    public Sizes withFixes(boolean truncateDaemon, boolean releasesLeftovers) {
        return new Sizes(memoryPages, dirtyRatio, backgroundRatio, ratelimitPages, chunkPages, cacheChunks,
                maxDirtyChunks, fileserverLatency, cacheOnTmpfs, truncateDaemon, releasesLeftovers);
    }

    /** The kernel's configuration; an IllegalArgumentException says what is impossible. */
    public Vm.Config vmConfig(KernelProfile kernel) {
        return new Vm.Config(memoryPages, dirtyRatio == 0 ? kernel.dirtyRatio() : dirtyRatio,
                backgroundRatio == 0 ? kernel.backgroundRatio() : backgroundRatio, ratelimitPages);
    }

    /** The cache manager's configuration; an IllegalArgumentException says what is impossible. */
    public AfsConfig afsConfig() {
        AfsConfig c = AfsConfig.of(chunkPages, cacheChunks);
        return new AfsConfig(chunkPages, cacheChunks, maxDirtyChunks == 0 ? c.maxDirtyChunks() : maxDirtyChunks,
                fileserverLatency, truncateDaemonFix, storeReleasesLeftovers, cacheOnTmpfs);
    }
}
