package org.flushcheck.detect;

import org.flushcheck.sync.LockClass;
import org.flushcheck.sync.Mode;
import org.flushcheck.sync.Site;

/**
 * One edge of the lock-class graph: {@code to} was acquired or waited on (in
 * {@code toMode}, at {@code toSite}) by {@code task} while it held {@code from} (in
 * {@code fromMode}, taken at {@code fromSite}). For an event woken while holding a
 * lock the edge runs event -> lock: producing the event needed that lock.
 */
public record Dependency(LockClass from, Mode fromMode, Site fromSite,
        LockClass to, Mode toMode, Site toSite, String task) {

    /** The identity of the edge in the graph: classes and modes, not sites. */
    record Key(LockClass from, Mode fromMode, LockClass to, Mode toMode) {
    }

    Key key() {
        return new Key(from, fromMode, to, toMode);
    }

    @Override
    public String toString() {
        return from + "(" + fromMode.letter() + ") -> " + to + "(" + toMode.letter() + ")";
    }
}
