package org.flushcheck.sync;

import java.util.function.BooleanSupplier;

/**
 * One pending wait of one task: what it waits on, in which mode, from where. A wait
 * ends when its grant condition holds; a <em>sleep</em> (afs_osi_Sleep, an rwlock
 * slow path) ends only when someone wakes its channel, like the C code it mirrors. A
 * <em>timed</em> condition wait or sleep ({@code wait_event_timeout}, {@link #timed}) also ends
 * when its timeout runs out, so it depends on nobody: the detectors count its task as
 * one that will run again.
 */
public final class Wait {

    private final Resource resource;
    private final Mode mode;
    private final Site site;
    private final Object channel;
    private final BooleanSupplier grant; // null: a sleep, over when woken
    private final String verb;
    private final boolean acquires; // the grant takes the resource: judged by blockers, never run
    private final boolean readsModel; // the condition reads model state: its footprint is GLOBAL
    private final Resource region; // not null: the condition reads only this region's racy locations
    private final long timeoutNanos; // > 0: the wait also ends after this long (never for an acquire or a sleep)
    private boolean woken;

    private Wait(Resource resource, Mode mode, Site site, Object channel, BooleanSupplier grant,
            String verb, boolean acquires) {
        this(resource, mode, site, channel, grant, verb, acquires, false, null, 0);
    }

    private Wait(Resource resource, Mode mode, Site site, Object channel, BooleanSupplier grant,
            String verb, boolean acquires, boolean readsModel, Resource region, long timeoutNanos) {
        this.resource = resource;
        this.mode = mode;
        this.site = site;
        this.channel = channel;
        this.grant = grant;
        this.verb = verb;
        this.acquires = acquires;
        this.readsModel = readsModel;
        this.region = region;
        this.timeoutNanos = timeoutNanos;
    }

    /** An acquire that ends as soon as {@code grant} (run under the monitor) succeeds. */
    static Wait acquire(Resource resource, Mode mode, Site site, BooleanSupplier grant) {
        return new Wait(resource, mode, site, resource, grant, mode.verb(), true);
    }

    /** A wait for a condition on {@code resource} that takes nothing (wait_on_page_writeback). */
    static Wait until(Resource resource, Site site, BooleanSupplier condition) {
        return new Wait(resource, Mode.EXCLUSIVE, site, resource, condition, "wait", false);
    }

    /**
     * {@code wait_event} on a condition over model state ({@link Event#waitUntil}): racy
     * counters and flags, which the wait's own footprint cannot name, so each of its
     * steps conflicts with every step ({@link #footprint}).
     */
    static Wait untilModel(Resource resource, Site site, BooleanSupplier condition) {
        return new Wait(resource, Mode.EXCLUSIVE, site, resource, condition, "wait", false, true, null, 0);
    }

    /** {@code wait_event} on a condition over the racy locations of {@code region} alone ({@link Event#waitUntil(BooleanSupplier, Resource)}). */
    static Wait untilRegion(Resource resource, Site site, Resource region, BooleanSupplier condition) {
        return new Wait(resource, Mode.EXCLUSIVE, site, resource, condition, "wait", false, false, region, 0);
    }

    /**
     * A sleep on {@code channel} that ends at the next wakeup of that channel: an event,
     * or an rwlock's slow path (then {@code mode} is the mode it will take).
     */
    static Wait sleep(Resource resource, Mode mode, Site site, Object channel) {
        return new Wait(resource, mode, site, channel, null,
                resource instanceof Event ? "sleep" : mode.verb(), false);
    }

    /**
     * This condition wait or sleep, ending also after {@code nanos} on the domain's clock
     * ({@code wait_event_timeout}, {@code afs_osi_TimedSleep}).
     */
    Wait timed(long nanos) {
        if (acquires || nanos <= 0) {
            throw new IllegalArgumentException("only a condition wait or a sleep can time out, after a positive time: "
                    + this);
        }
        return new Wait(resource, mode, site, channel, grant, verb, false, readsModel, region, nanos);
    }

    /**
     * This condition wait or sleep as a try of a {@link Poll}: the same wait, named
     * {@code poll(class)} in traces and splats, so a STALL on it reads as a poll that no task
     * left can make succeed.
     */
    Wait polled() {
        if (acquires) {
            throw new IllegalArgumentException("an acquire is no poll: " + this);
        }
        return new Wait(resource, mode, site, channel, grant, POLL, false, readsModel, region, timeoutNanos);
    }

    /** The verb of a {@link #polled} wait. */
    static final String POLL = "poll";

    /** Whether this wait is a try of a {@link Poll}. */
    public boolean isPoll() {
        return verb.equals(POLL);
    }

    /** How long the wait lasts at most, on the domain's clock; 0 when only its condition ends it. */
    long timeoutNanos() {
        return timeoutNanos;
    }

    public Resource resource() {
        return resource;
    }

    public Mode mode() {
        return mode;
    }

    public Site site() {
        return site;
    }

    /** How reports name the wait: lock, rlock, slock, wait, sleep. */
    public String verb() {
        return verb;
    }

    /** {@code verb(class)}, plus the instance when its label says more: {@code wait(PG_writeback) on page 0}. */
    public String describe() {
        String cls = resource.lockClass().toString();
        return verb + "(" + cls + ")" + (resource.label().equals(cls) ? "" : " on " + resource.label());
    }

    Object channel() {
        return channel;
    }

    /**
     * Under the monitor: is the wait already over, only not yet noticed by its task? A
     * sleep is over once woken; a condition wait once its condition holds; an acquire is
     * judged by its blockers instead (its grant has side effects). A timed wait's
     * timeout is not counted here: {@link Task#blockers} counts it.
     */
    public boolean isSatisfied() {
        if (grant == null) {
            return woken;
        }
        return !acquires && grant.getAsBoolean();
    }

    /** Whether this is a daemon's idle wait for work (never a hang by itself). */
    public boolean isIdle() {
        return resource instanceof Event e && e.isIdle();
    }

    /**
     * The footprint of a pass of this wait: its resource (and {@code dropped}, the mutex
     * it releases while it sleeps, when not null, or the region its condition reads);
     * {@link Footprint#GLOBAL} when the condition reads model state at large, so that no
     * write of a location it reads is taken for independent of it.
     */
    long footprint(Mutex dropped) {
        if (readsModel) {
            return Footprint.GLOBAL;
        }
        if (region != null) {
            return region == resource ? Footprint.of(resource.id) : Footprint.of(resource.id, region.id);
        }
        return dropped == null ? Footprint.of(resource.id) : Footprint.of(resource.id, dropped.id);
    }

    void wake() {
        woken = true;
    }

    /** Under the monitor: true once the wait is over (and the grant, if any, performed). */
    boolean ready() {
        return grant == null ? woken : grant.getAsBoolean();
    }

    @Override
    public String toString() {
        return describe() + " at " + site;
    }
}
