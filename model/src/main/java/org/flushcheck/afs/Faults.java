package org.flushcheck.afs;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.flushcheck.sync.Domain;
import org.flushcheck.sync.RacyLong;

/**
 * Errors injected into named model functions, for scenarios that ask "what if this call
 * fails?". A function that can fail asks {@link #fail} at its entry and, when told an
 * error, takes the error path its C source takes. Fileserver failures and delays are the
 * {@link Fileserver}'s own ({@code failStore}, latency); a full cache is a matter of sizes.
 *
 * Invariants: an injection fires on the calls numbered skip+1 .. skip+times of its
 * function, counted across all tasks; nothing fires for a function never injected.
 *
 * Racy: each injection's call counter, bumped by every task entering the function with
 * no lock (the order of the calls is the race a scenario asks about), each access a
 * scheduling point ({@link RacyLong}). The injections themselves are set up by the
 * harness before the tasks start.
 */
public final class Faults {

    /** The functions an error can be injected into, with what the failure does there. */
    public static final Map<String, String> INJECTABLE = Map.of(
            "afs_linux_writepage", "returns the error at entry, unlocking the page it was given"
                    + " clean: what the page held is lost unless written again");

    /** Error numbers a scenario may name, as the positive errno. */
    public static final Map<String, Integer> ERRNO = Map.of("EIO", 5, "ENOMEM", 12, "ENOSPC", 28,
            "EDQUOT", 122);

    private record Injection(int errno, int skip, int times, RacyLong calls) { }

    private final Domain domain;
    private final Map<String, Injection> injected = new ConcurrentHashMap<>();

    public Faults(Domain domain) {
        this.domain = domain;
    }

    /** Makes calls skip+1 .. skip+times of {@code function} fail with {@code -errno}. */
    public void inject(String function, int errno, int skip, int times) {
        if (!INJECTABLE.containsKey(function)) {
            throw new IllegalArgumentException("no fault can be injected into '" + function
                    + "'; injectable: " + List.copyOf(INJECTABLE.keySet()));
        }
        if (errno <= 0 || skip < 0 || times < 1) {
            throw new IllegalArgumentException("fault in " + function + ": errno " + errno
                    + ", skip " + skip + ", times " + times + " (need errno > 0, skip >= 0, times >= 1)");
        }
        injected.put(function, new Injection(errno, skip, times, new RacyLong(domain, function + " calls")));
    }

    /** Called at the entry of {@code function}: the negative errno to fail with, or 0. */
    public int fail(String function) {
        Injection i = injected.get(function);
        if (i == null) {
            return 0;
        }
        long n = i.calls().incrementAndGet();
        return n > i.skip() && n <= i.skip() + i.times() ? -i.errno() : 0;
    }
}
