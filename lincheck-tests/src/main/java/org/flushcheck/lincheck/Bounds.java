package org.flushcheck.lincheck;

/**
 * How far an exploration goes, in Lincheck invocations (one interleaving each).
 * {@code invocations} is the bound of a clean statement ("CLEAN within N invocations");
 * {@code search} is how far a test looks for a finding it expects (it stops at the first,
 * so that budget is spent only when the finding has gone). From the system properties
 * {@code flushcheck.lincheck.invocations} and {@code flushcheck.lincheck.search}, small by
 * default so that {@code mvn verify} stays fast; the {@code -Pdeep} profile raises both.
 * Threads and operations are fixed by each program, and reported with it.
 */
public record Bounds(int invocations, int search) {

    public static final String INVOCATIONS = "flushcheck.lincheck.invocations";
    public static final String SEARCH = "flushcheck.lincheck.search";
    static final int DEFAULT_INVOCATIONS = 30;
    static final int DEFAULT_SEARCH = 200;

    public Bounds {
        if (invocations < 1 || search < 1) {
            throw new IllegalArgumentException("invocations " + invocations + " and search " + search
                    + " must be at least 1");
        }
    }

    /** {@code invocations} for both a clean statement and a search. */
    public Bounds(int invocations) {
        this(invocations, invocations);
    }

    /** The bounds the system properties give, or the defaults. */
    public static Bounds fromProperties() {
        return new Bounds(property(INVOCATIONS, DEFAULT_INVOCATIONS), property(SEARCH, DEFAULT_SEARCH));
    }

    /** The bounds to explore with when {@code expectFinding}: the search budget, or the clean bound. */
    public Bounds forExpecting(boolean expectFinding) {
        return new Bounds(expectFinding ? search : invocations);
    }

    private static int property(String name, int fallback) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + "=" + v + " is not a number", e);
        }
    }
}
