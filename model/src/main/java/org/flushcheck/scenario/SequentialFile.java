package org.flushcheck.scenario;

import java.util.Arrays;

/**
 * The sequential specification of one file: a plain byte array that write, mmap store
 * and truncate change the way POSIX says, and that read(2) reads. The state of the file
 * oracle ({@link Linearization}): what the fileserver must hold after a successful fsync
 * is this file after some linearization of the run's operations.
 */
public final class SequentialFile {

    private byte[] bytes = new byte[0];

    /** write(2): extends the file (zero-filled) as needed. */
    public void write(long at, byte[] data) {
        int end = Math.toIntExact(at + data.length);
        if (end > bytes.length) {
            bytes = Arrays.copyOf(bytes, end);
        }
        System.arraycopy(data, 0, bytes, (int) at, data.length);
    }

    /**
     * A store through a shared mapping: it changes the file only below EOF. The model
     * refuses a store that starts outside the file, but a truncate may complete between
     * its check and this replay. Then the kernel does this: a store to a page wholly past
     * EOF faults (truncate unmapped it, and the fault past i_size is SIGBUS), and the bytes
     * of the last page past EOF stay in the page cache but never reach the file (writeback
     * writes only up to i_size). So the bytes at or past the current size are dropped,
     * and the file never grows.
     */
    public void store(long at, byte[] data) {
        if (at >= bytes.length) {
            return;
        }
        int n = (int) Math.min(data.length, bytes.length - at);
        System.arraycopy(data, 0, bytes, (int) at, n);
    }

    /** ftruncate(2): cuts or zero-extends. */
    public void truncate(long size) {
        bytes = Arrays.copyOf(bytes, Math.toIntExact(size));
    }

    /** read(2): {@code len} bytes at {@code at}, clipped at EOF (none at or past it). */
    public byte[] read(long at, int len) {
        int from = (int) Math.min(at, bytes.length);
        return Arrays.copyOfRange(bytes, from, (int) Math.min(bytes.length, from + (long) len));
    }

    /** An independent copy, for a search that tries several orders from one state. */
    public SequentialFile copy() {
        SequentialFile c = new SequentialFile();
        c.bytes = bytes.clone();
        return c;
    }

    public int length() {
        return bytes.length;
    }

    /**
     * A 64-bit digest of the contents (an FNV-1a over the bytes and the length, then a
     * mix): the search remembers states by it instead of by a copy of every state.
     */
    public long digest() {
        long h = 0xcbf29ce484222325L ^ bytes.length;
        for (byte b : bytes) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        return h ^ (h >>> 33);
    }

    public byte[] contents() {
        return bytes.clone();
    }

    /** The first offset where {@code other} differs, or -1 when equal. */
    public long firstDifference(byte[] other) {
        return firstDifference(bytes, other);
    }

    /** The first offset where {@code a} and {@code b} differ (the shorter one's length if one is a prefix), or -1. */
    static long firstDifference(byte[] a, byte[] b) {
        return Arrays.mismatch(a, b);
    }
}
