package org.flushcheck.afs;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.flushcheck.sync.Domain;
import org.flushcheck.sync.Racy;

/**
 * An in-process fileserver: StoreData and FetchData on whole-file byte arrays. Its
 * contents are the durability oracle: after fsync or close, a file here must equal the
 * sequential specification.
 *
 * Latency is a busy delay of a number of spin-wait hints per RPC (no sleep the detectors
 * cannot see); it widens race windows on real threads and is invisible to a model checker.
 * A controlled run skips it: its schedules already put every other task's steps before and
 * after the call, and a spin there would only cost host time (r03's 5 000 000 spins were
 * most of a second per StoreData). A fault
 * plan fails the n-th StoreData with an error code. The server keeps no model locks:
 * its own state is a concurrent map updated atomically per call, like a remote host.
 *
 * Outside the model's concurrency: the server is another host, and each call is one
 * step of it. Every call (the RPCs, the harness's {@code failStore} and
 * {@code contents}) begins with one scheduling point on the server ({@code fileserver},
 * a {@link Racy}) and then runs to its end with no other: what two clients' RPCs race
 * on is the order in which they reach the server, and that order is explored. Its
 * fields ({@code files}, {@code stores}, {@code failStoreNumber}) are touched only
 * inside a call; they are concurrent/atomic for real threads.
 */
public final class Fileserver {

    /** RX/UAE error returned by an injected StoreData failure (UAEIO). */
    public static final int UAEIO = 49733380;

    private final Map<Long, byte[]> files = new ConcurrentHashMap<>();
    private final AtomicInteger stores = new AtomicInteger();
    private final int latencySpins;
    private final boolean controlled;
    private volatile int failStoreNumber;
    private final Racy server;

    public Fileserver(Domain domain, int latencySpins) {
        if (latencySpins < 0) {
            throw new IllegalArgumentException("fileserver latency of " + latencySpins
                    + " spins must not be negative");
        }
        this.latencySpins = latencySpins;
        this.controlled = domain.isControlled();
        this.server = new Racy(domain, "fileserver");
    }

    /** Makes the {@code n}-th StoreData from now (1 = the next) fail with UAEIO. */
    public void failStore(int n) {
        server.access();
        failStoreNumber = stores.get() + n;
    }

    /**
     * {@code RXAFS_StoreData64} as {@code StoreData_RXStyle} (src/viced/afsfileprocs.c)
     * applies it: the file is first cut to {@code fileLength} when that is shorter (a
     * truncate the client had not sent yet), never extended by it; then {@code data} is
     * written at {@code pos}, extending the file (zero-filled) to {@code pos + data.length}
     * when it is longer. A StoreData with no data at the client's length is afs_StoreMini's
     * way of sending a truncate or an extension. 0 or an error.
     */
    public int StoreData(long fid, long pos, byte[] data, long fileLength) {
        server.access();
        delay();
        if (stores.incrementAndGet() == failStoreNumber) {
            return UAEIO;
        }
        files.compute(fid, (k, old) -> {
            byte[] cur = old == null ? new byte[0] : old;
            long truncated = Math.min(cur.length, fileLength);
            long newLength = Math.max(truncated, pos + data.length);
            byte[] f = Arrays.copyOf(Arrays.copyOf(cur, (int) truncated), (int) newLength);
            System.arraycopy(data, 0, f, (int) pos, data.length);
            return f;
        });
        return 0;
    }

    /** {@code RXAFS_FetchData}: up to {@code len} bytes at {@code pos}. */
    public byte[] FetchData(long fid, long pos, int len) {
        server.access();
        delay();
        byte[] f = files.getOrDefault(fid, new byte[0]);
        int from = (int) Math.min(pos, f.length);
        return Arrays.copyOfRange(f, from, (int) Math.min(f.length, pos + len));
    }

    /** The file as stored, for the durability check. */
    public byte[] contents(long fid) {
        server.access();
        return files.getOrDefault(fid, new byte[0]).clone();
    }

    private void delay() {
        if (controlled) {
            return;
        }
        for (int i = 0; i < latencySpins; i++) {
            Thread.onSpinWait();
        }
    }
}
