package org.flushcheck.sync;

/**
 * A strict locking rule broken (mutex-design.rst, lockdep's BUG reports), thrown at
 * the point of the violation before any state changes.
 */
public final class LockingViolation extends ModelException {

    private static final long serialVersionUID = 1L;

    /** The rules, each checked in one place in a primitive. */
    public enum Rule {
        UNLOCK_BY_NON_OWNER("bad unlock balance detected"),
        EXIT_WITH_LOCKS_HELD("lock held when returning to user space"),
        RWLOCK_WITHOUT_GLOCK("afs_rwlock_t used without AFS_GLOCK held"),
        SLEEP_UNDER_SPINLOCK("sleeping function called from invalid context"),
        NOT_HELD("lock not held where the code requires it"),
        BAD_PAGE_STATE("bad page state");

        private final String title;

        Rule(String title) {
            this.title = title;
        }

        /** The kernel's wording of the BUG line. */
        public String title() {
            return title;
        }
    }

    private final Rule rule;
    private final transient TaskState task;

    LockingViolation(Rule rule, Task task, String detail) {
        super("BUG: " + rule.title() + ": " + task.name() + " " + detail);
        this.rule = rule;
        this.task = task.snapshot();
    }

    public Rule rule() {
        return rule;
    }

    /** The offending task, with the locks it held at the violation. */
    public TaskState task() {
        return task;
    }
}
