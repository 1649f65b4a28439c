package org.flushcheck.sync;

/**
 * One entry of a task's held-lock stack, like lockdep's {@code struct held_lock}:
 * which resource, under which class (with the subclass it was nested at), in which
 * mode, and where it was taken.
 */
public record Held(Resource resource, LockClass lockClass, Mode mode, Site site) {

    @Override
    public String toString() {
        return "(" + lockClass + "){" + mode.letter() + "}, at: " + site;
    }
}
