package org.flushcheck.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Sleep and wakeup on an address: {@code afs_osi_Sleep(&afs_WaitForCacheDrain)} /
 * {@code afs_osi_Wakeup}, a wait queue, a completion.
 *
 * Semantics: {@link #sleep} mirrors afs_osi_Sleep: the caller holds a mutex (AFS_GLOCK)
 * that is released atomically with going to sleep and retaken before returning; it
 * returns after the next {@link #wakeup}, which wakes every sleeper. {@link #waitUntil}
 * mirrors {@code wait_event}: it returns once a condition, re-checked at every wakeup,
 * holds. Neither loses a wakeup: the check and the sleep are one step under the domain
 * monitor, and wakers wake under it.
 *
 * Wakers: an event names the task classes ({@code comm}s) that can wake it, or
 * {@link #ANY_TASK} when any task may (a wait queue woken by I/O completion). A wait with
 * no live waker, or whose wakers are all stuck, is a STALL; the waker's held locks at
 * {@code wakeup} become dependencies of the event (DEPT's view of a wait); an event any
 * task may wake records none, since no one waker's locks are what the sleeper needs.
 */
public final class Event extends Resource {

    /** The waker name meaning "any other live task". */
    public static final String ANY_TASK = "*";

    private final Set<String> wakers;
    private final boolean idle;

    /** An event of class {@code lockClass} that tasks named {@code wakers} can wake. */
    public Event(Domain domain, String lockClass, String... wakers) {
        this(domain, lockClass, false, wakers);
    }

    private Event(Domain domain, String lockClass, boolean idle, String... wakers) {
        super(domain, LockClass.of(lockClass), null);
        if (wakers.length == 0) {
            throw new IllegalArgumentException("event " + lockClass + " needs at least one waker");
        }
        this.wakers = Set.of(wakers);
        this.idle = idle;
    }

    /**
     * A daemon's wait for work (TASK_IDLE: pdflush, kswapd, afs_bkgd between requests).
     * Nobody may ever wake it, and that is not a hang: its sleepers are never reported
     * stuck, though they are not counted on to wake anyone either.
     */
    public static Event idle(Domain domain, String lockClass) {
        return new Event(domain, lockClass, true, ANY_TASK);
    }

    /** Whether this is a daemon's idle wait for work. */
    public boolean isIdle() {
        return idle;
    }

    /** {@code afs_osi_Sleep}: drops {@code released} (held by the caller) until woken, then retakes it. */
    public void sleep(Mutex released) {
        sleep(released, 0);
    }

    /**
     * {@code afs_osi_TimedSleep}: {@link #sleep(Mutex)} that also returns after
     * {@code timeoutNanos} on the domain's clock (0: never); true when woken, false when
     * the time ran out first. Until then its task depends on nobody ({@link Wait#timed}).
     */
    public boolean sleep(Mutex released, long timeoutNanos) {
        return sleep(released, w -> timeoutNanos > 0 ? w.timed(timeoutNanos) : w);
    }

    /** {@link #sleep(Mutex, long)} with the wait shaped by {@code shape} ({@link Poll}'s: a poll). */
    boolean sleep(Mutex released, UnaryOperator<Wait> shape) {
        Task t = domain.current();
        Site site = domain.site();
        domain.locally(() -> {
            t.throwIfAborted();
            mightSleep(t);
            if (!released.ownedBy(t)) {
                throw domain.violation(LockingViolation.Rule.NOT_HELD, t,
                        "sleeps on " + label() + " dropping " + released.label() + " it does not hold");
            }
            domain.observer.dependency(t, lockClass(), Mode.EXCLUSIVE, site, without(t.held, released));
        });
        boolean woken = ChokePoint.await(t, shape.apply(Wait.sleep(this, Mode.EXCLUSIVE, site, this)), released);
        released.lock();
        return woken;
    }

    /**
     * {@code wait_event}: returns once {@code condition} holds; re-checked at each wakeup.
     * The condition runs under the domain monitor, inside the wait's step: its racy reads
     * ({@link RacyLong}, {@link RacyFlag}) are no points of their own, and the step's
     * footprint is GLOBAL, since it cannot name what the condition reads.
     */
    public void waitUntil(BooleanSupplier condition) {
        await(site -> Wait.untilModel(this, site, condition));
    }

    /**
     * {@code wait_event_timeout}: {@link #waitUntil(BooleanSupplier)} that also returns
     * after {@code timeoutNanos} on the domain's clock; true when {@code condition}
     * held, false when the time ran out first. Until then its task depends on nobody
     * ({@link Wait#timed}).
     */
    public boolean waitUntil(BooleanSupplier condition, long timeoutNanos) {
        return waitUntil(condition, w -> w.timed(timeoutNanos));
    }

    /** {@link #waitUntil(BooleanSupplier)} with the wait shaped by {@code shape} ({@link Poll}'s: a poll). */
    boolean waitUntil(BooleanSupplier condition, UnaryOperator<Wait> shape) {
        return await(site -> shape.apply(Wait.untilModel(this, site, condition)));
    }

    /**
     * {@code wait_event} on a condition that reads only racy locations of {@code region}
     * ({@link Racy#Racy(Domain, String, Resource)}): the wait's steps touch this event and
     * that region, no more, so the explorer may take them for independent of every other
     * step. In a controlled run a read outside the region fails the run.
     */
    public void waitUntil(BooleanSupplier condition, Resource region) {
        BooleanSupplier checked = domain.controller == null ? condition // nothing new for Lincheck to track
                : () -> domain.readingRegion(region.id, condition);
        await(site -> Wait.untilRegion(this, site, region, checked));
    }

    /** A condition wait from the calling task's site: the detectors' dependency, then the choke point. */
    private boolean await(java.util.function.Function<Site, Wait> wait) {
        Task t = domain.current();
        Site site = domain.site();
        domain.locally(() -> {
            t.throwIfAborted();
            mightSleep(t);
            domain.observer.dependency(t, lockClass(), Mode.EXCLUSIVE, site, t.held);
        });
        return ChokePoint.await(t, wait.apply(site), null);
    }

    /** {@code afs_osi_Wakeup}: wakes every sleeper. Never blocks, so an unwinding task may wake too. */
    public void wakeup() {
        Task t = domain.current();
        Site site = domain.site();
        domain.atomically(Footprint.of(id), () -> {
            if (!idle && !wakers.contains(ANY_TASK)) {
                domain.observer.wakeup(t, lockClass(), site, t.held);
            }
            domain.wakeup(this);
        });
    }

    @Override
    Blockers blockers(Task waiter, Mode wanted) {
        List<Task> live = new ArrayList<>();
        for (Task t : domain.tasks()) {
            if (t != waiter && t.alive() && !t.harness && (wakers.contains(ANY_TASK) || wakers.contains(t.comm()))) {
                live.add(t);
            }
        }
        return new Blockers(wakers.contains(ANY_TASK) ? Blockers.Kind.ANY_TASK : Blockers.Kind.ANY_OF,
                live);
    }

    @Override
    void forceRelease(Task t, Held held) {
        throw new IllegalStateException("an event is never held: " + label());
    }
}
