package org.flushcheck.sync;

import java.util.List;

/** A task as it was at one instant: what reports print. */
public record TaskState(int pid, String comm, Task.State state, List<Held> held, Wait waiting) {

    public String name() {
        return comm + "/" + pid;
    }
}
