package org.flushcheck.sync;

/**
 * How a resource is held or wanted. Mutexes, page bits and spinlocks are
 * {@link #EXCLUSIVE}; {@code afs_rwlock_t} has READ, SHARED and WRITE
 * ({@code lock.h}: READ is granted unless a writer holds it, so READ coexists with
 * SHARED; SHARED excludes SHARED and WRITE; WRITE excludes everything). A wait on an
 * event or on PG_writeback is {@link #EXCLUSIVE} against whoever must end it.
 */
public enum Mode {
    EXCLUSIVE("lock"),
    READ("rlock"),
    SHARED("slock"),
    WRITE("lock");

    private final String verb;

    Mode(String verb) {
        this.verb = verb;
    }

    /** True when a holder in this mode keeps a waiter in {@code wanted} waiting. */
    public boolean conflicts(Mode wanted) {
        if (this == READ) {
            return wanted == WRITE || wanted == EXCLUSIVE;
        }
        if (wanted == READ) {
            return this != SHARED;
        }
        return true;
    }

    /** The verb of the lockdep "unsafe locking scenario" table: rlock( for READ, slock( for SHARED. */
    public String verb() {
        return verb;
    }

    /** The one-letter mode lockdep-style reports show after a lock: W, R, S or E. */
    public String letter() {
        return name().substring(0, 1);
    }
}
