package org.flushcheck.lincheck;

/**
 * How far an exploration goes: Lincheck invocations (one interleaving each) per
 * exploration. From the system property {@code flushcheck.lincheck.invocations}, small by
 * default so that {@code mvn verify} stays fast; the {@code -Pdeep} profile raises it.
 * Threads and operations are fixed by each program (its actors), and reported with it.
 */
public record Bounds(int invocations) {

    public static final String INVOCATIONS = "flushcheck.lincheck.invocations";
    static final int DEFAULT_INVOCATIONS = 30;

    public Bounds {
        if (invocations < 1) {
            throw new IllegalArgumentException("invocations " + invocations + " must be at least 1");
        }
    }

    /** The bounds the system properties give, or the defaults. */
    public static Bounds fromProperties() {
        String v = System.getProperty(INVOCATIONS);
        if (v == null || v.isBlank()) {
            return new Bounds(DEFAULT_INVOCATIONS);
        }
        try {
            return new Bounds(Integer.parseInt(v.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(INVOCATIONS + "=" + v + " is not a number", e);
        }
    }
}
