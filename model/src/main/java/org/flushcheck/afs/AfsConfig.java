package org.flushcheck.afs;

/**
 * Sizes and switches of one cache manager, each checked when built.
 *
 * @param chunkPages        pages per dcache chunk (afsd -chunksize, in pages)
 * @param cacheChunks       chunks the cache holds (cacheBlocks / chunk size)
 * @param maxDirtyChunks    {@code afs_cacheMaxDirtyChunks}: above it DoPartialWrite stores
 * @param fileserverLatency spin-waits per RPC
 * @param truncateDaemonFix 7d70e9819 + 1d9cc8fa6: the truncate daemon works while anyone
 *                          waits for the drain and wakes drain waiters; false is B10
 * @param storeReleasesLeftovers 28eefd761: StoreAllSegments releases S-locked zero-length
 *                          chunks it did not store; false is B11
 * @param cacheOnTmpfs      the cache directory is on tmpfs: chunk-file pages are never
 *                          written back nor counted as dirty
 */
public record AfsConfig(int chunkPages, int cacheChunks, int maxDirtyChunks, int fileserverLatency,
        boolean truncateDaemonFix, boolean storeReleasesLeftovers, boolean cacheOnTmpfs) {

    public AfsConfig {
        if (chunkPages < 1) {
            throw new IllegalArgumentException("chunk of " + chunkPages + " pages: a chunk needs at least 1 page");
        }
        if (cacheChunks < 1) {
            throw new IllegalArgumentException("cache of " + cacheChunks
                    + " chunks is smaller than one chunk of " + chunkPages + " pages");
        }
        if (maxDirtyChunks < 1 || maxDirtyChunks > cacheChunks) {
            throw new IllegalArgumentException("max dirty chunks " + maxDirtyChunks
                    + " must be in 1.." + cacheChunks + " (the cache size in chunks)");
        }
        if (fileserverLatency < 0) {
            throw new IllegalArgumentException("fileserver latency " + fileserverLatency
                    + " must not be negative");
        }
    }

    /** A cache of {@code cacheChunks} chunks of {@code chunkPages} pages, with every fix. */
    public static AfsConfig of(int chunkPages, int cacheChunks) {
        return new AfsConfig(chunkPages, cacheChunks, Math.max(1, cacheChunks * 2 / 3), 0, true, true, false);
    }

    public AfsConfig withTruncateDaemonFix(boolean on) {
        return new AfsConfig(chunkPages, cacheChunks, maxDirtyChunks, fileserverLatency, on,
                storeReleasesLeftovers, cacheOnTmpfs);
    }

    public AfsConfig withStoreReleasesLeftovers(boolean on) {
        return new AfsConfig(chunkPages, cacheChunks, maxDirtyChunks, fileserverLatency,
                truncateDaemonFix, on, cacheOnTmpfs);
    }

    public AfsConfig withMaxDirtyChunks(int n) {
        return new AfsConfig(chunkPages, cacheChunks, n, fileserverLatency, truncateDaemonFix,
                storeReleasesLeftovers, cacheOnTmpfs);
    }

    public AfsConfig withFileserverLatency(int spins) {
        return new AfsConfig(chunkPages, cacheChunks, maxDirtyChunks, spins, truncateDaemonFix,
                storeReleasesLeftovers, cacheOnTmpfs);
    }

    public AfsConfig withCacheOnTmpfs(boolean on) {
        return new AfsConfig(chunkPages, cacheChunks, maxDirtyChunks, fileserverLatency, truncateDaemonFix,
                storeReleasesLeftovers, on);
    }

    /** Bytes in one chunk. */
    public long chunkBytes() {
        return (long) chunkPages * org.flushcheck.vm.Page.PAGE_SIZE;
    }
}
