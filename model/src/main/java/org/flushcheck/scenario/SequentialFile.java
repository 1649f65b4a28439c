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

    /** A store through a mapping: within the file only (the model refuses others). */
    public void store(long at, byte[] data) {
        System.arraycopy(data, 0, bytes, (int) at, data.length);
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
