package org.flushcheck.sync;

import java.util.Objects;

/**
 * A lock class in the lockdep sense: every instance of {@code avc->lock} is one class,
 * and order rules are stated between classes. The name is spelled as in the C source.
 * Nesting two instances of one class needs a declared subclass, as with
 * {@code mutex_lock_nested(&inode->i_mutex, I_MUTEX_PARENT)}; a subclass prints as
 * {@code name/subclass}, like lockdep's {@code &inode->i_mutex/1}.
 */
public record LockClass(String name, String subclass) implements Comparable<LockClass> {

    public LockClass {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || !name.equals(name.strip())) {
            throw new IllegalArgumentException("lock class name must be non-blank and unpadded: '"
                    + name + "'");
        }
        if (subclass != null && subclass.isBlank()) {
            throw new IllegalArgumentException("subclass of " + name + " must be non-blank");
        }
    }

    public static LockClass of(String name) {
        return new LockClass(name, null);
    }

    /** Parses {@code name} or {@code name/subclass}. */
    public static LockClass parse(String text) {
        int slash = text.lastIndexOf('/');
        return slash <= 0 ? of(text) : new LockClass(text.substring(0, slash), text.substring(slash + 1));
    }

    /** The same class nested at {@code sub}; {@code null} means the base class. */
    public LockClass nested(String sub) {
        return new LockClass(name, sub);
    }

    public LockClass base() {
        return subclass == null ? this : of(name);
    }

    @Override
    public int compareTo(LockClass o) {
        return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
        return subclass == null ? name : name + "/" + subclass;
    }
}
