package org.flushcheck.detect;

import org.flushcheck.sync.TaskState;

/** An observed dependency the design's declared {@link LockOrder} does not allow. */
public record OrderViolation(TaskState task, Dependency dependency, LockOrder order) {

    /** Why the order refuses it, in one sentence. */
    public String reason() {
        if (!order.declares(dependency.from())) {
            return dependency.from() + " is not in the declared order";
        }
        if (!order.declares(dependency.to())) {
            return dependency.to() + " is not in the declared order";
        }
        return order.allows(dependency.to(), dependency.from())
                ? dependency.to() + " is declared outside " + dependency.from()
                : dependency.to() + " is not declared inside " + dependency.from();
    }
}
