package org.flushcheck.sync;

import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A caller's retry loop around a timed wait: the kernel's {@code congestion_wait(HZ/10)}
 * in {@code balance_dirty_pages}, which sleeps until writeback progress or the timeout,
 * then retries whatever it polls for; or a daemon's {@code afs_osi_Wait} between passes.
 *
 * <p>The C polls forever. A timed wait depends on nobody, so a poll that can never
 * succeed would spin on the clock instead of being judged. How the model decides "can
 * never": once a task's poll has timed out {@link #FUTILE} times in a row with no progress
 * it polls for, its next try waits untimed, and the detectors judge that wait as any
 * other: if no task left can end it (make the progress, or wake the event), the poll can
 * never succeed, and it is a STALL whose wait is named {@code poll(class)} (its splat
 * says so); if some task still can, the task waits for it. The model therefore bounds
 * the <em>futile</em> retries: a try that times out counts one, and a try whose
 * condition held or that was woken (the caller's condition names the progress it polls
 * for, counted from the start of its retry, so progress its own retry made counts), or a
 * caller that reports progress ({@link #progressed}), resets the count. Once
 * {@link #FUTILE} futile tries in a row are spent, the next wait is untimed, so the
 * detectors judge it as the wait for progress it is (a STALL when nothing left can make
 * that progress).
 *
 * <p>Invariant: {@code 0 <= futileLeft <= FUTILE}. One poll belongs to one task (one call
 * of the polling function, or one daemon's loop); it is not shared.
 */
public final class Poll {

    /** Futile timeouts in a row after which the poll waits untimed. */
    public static final int FUTILE = 3;

    private final Event event;
    private final long timeoutNanos;
    private int futileLeft = FUTILE;

    /** A poll of {@code event}, each try waiting at most {@code timeoutNanos} on the domain's clock. */
    public Poll(Event event, long timeoutNanos) {
        if (timeoutNanos <= 0) {
            throw new IllegalArgumentException("a poll's timeout must be positive: " + timeoutNanos);
        }
        this.event = event;
        this.timeoutNanos = timeoutNanos;
    }

    /**
     * One try: waits until {@code condition} holds or the timeout runs out (untimed once
     * the futile tries are spent). The caller retries what it polls for either way.
     */
    public void waitUntil(BooleanSupplier condition) {
        poll(shape -> event.waitUntil(condition, shape));
    }

    /**
     * One try of a sleeping poll ({@code afs_osi_Wait} in a daemon's loop): sleeps,
     * {@code released} dropped, until woken or the timeout runs out (untimed once the
     * futile tries are spent).
     */
    public void sleep(Mutex released) {
        poll(shape -> event.sleep(released, shape));
    }

    /** One try: {@code wait} shaped as a poll, timed unless the futile tries are spent. */
    private void poll(Predicate<UnaryOperator<Wait>> wait) {
        boolean untimed = futileLeft == 0;
        UnaryOperator<Wait> shape = untimed ? Wait::polled : w -> w.timed(timeoutNanos).polled();
        boolean ended = wait.test(shape);
        futileLeft = untimed || ended ? FUTILE : futileLeft - 1;
    }

    /** The caller's try found work (a daemon's pass freed something): the next timeouts are not futile yet. */
    public void progressed() {
        futileLeft = FUTILE;
    }
}
