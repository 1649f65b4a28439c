package org.flushcheck.scenario;

import java.util.Arrays;

/**
 * The sequential specification of one file: a plain byte array that write, mmap store
 * and truncate change the way POSIX says. What the fileserver must hold after a
 * successful fsync (the durability oracle).
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

    public byte[] contents() {
        return bytes.clone();
    }

    /** The first offset where {@code other} differs, or -1 when equal. */
    public long firstDifference(byte[] other) {
        int n = Math.min(bytes.length, other.length);
        for (int i = 0; i < n; i++) {
            if (bytes[i] != other[i]) {
                return i;
            }
        }
        return bytes.length == other.length ? -1 : n;
    }
}
