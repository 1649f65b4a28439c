package org.flushcheck.scenario;

/**
 * An injected failure: calls {@code skip}+1 .. {@code skip}+{@code times} of
 * {@code function} fail with {@code errno}. {@code StoreData} is the fileserver's RPC
 * (fails with UAEIO, one call); the others are {@link org.flushcheck.afs.Faults#INJECTABLE}.
 */
public record Fault(String function, String errno, int skip, int times, int line) {

    /** The fileserver RPC a fault can name. */
    public static final String STORE_DATA = "StoreData";
}
