package org.flushcheck.sync;

/**
 * Thrown in every task of a stuck set (a reached cycle, a stall, or a hung task found
 * by the watchdog). The {@link Hang} says which tasks, holding what, waiting for what.
 */
public final class DeadlockException extends ModelException {

    private static final long serialVersionUID = 1L;

    private final transient Hang hang;

    DeadlockException(Hang hang) {
        super(hang.summary());
        this.hang = hang;
    }

    public Hang hang() {
        return hang;
    }
}
