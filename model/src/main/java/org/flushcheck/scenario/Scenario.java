package org.flushcheck.scenario;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A scenario: the unit of reproduction (DESIGN.md "scenario"). The machine and cache
 * ({@link Sizes}), the threads with their operations, injected faults, and the verdict
 * each design and kernel is expected to give. {@code design} and {@code kernel} are the
 * ones a plain {@code flushcheck run} uses; {@code verify} runs every design and kernel.
 *
 * @param name    a short slug, used in finding file names
 * @param source  where it was read from, for messages and commands (may be empty)
 * @param story   what happens, in a line or two
 * @param matches the real OpenAFS commit or report it reproduces, or empty
 */
public record Scenario(String name, String source, String story, String matches, String design,
        String kernel, Sizes sizes, List<Fault> faults, List<ThreadSpec> threads, Expect expect) {

    public Scenario {
        faults = List.copyOf(faults);
        threads = List.copyOf(threads);
    }

    /** Every file id an operation names, in first-use order. */
    public Set<Long> files() {
        Set<Long> out = new LinkedHashSet<>();
        for (ThreadSpec t : threads) {
            for (Op op : t.ops()) {
                if (op.file() >= 0) {
                    out.add(op.file());
                }
            }
        }
        return out;
    }

    /** The same scenario under another design and kernel. */
    public Scenario on(String design, String kernel) {
        return new Scenario(name, source, story, matches, design, kernel, sizes, faults, threads, expect);
    }

    /** The same scenario with other sizes and fixes. */
    public Scenario with(Sizes other) {
        return new Scenario(name, source, story, matches, design, kernel, other, faults, threads, expect);
    }

    /** The same scenario expecting {@code other}. */
    public Scenario expecting(Expect other) {
        return new Scenario(name, source, story, matches, design, kernel, sizes, faults, threads, other);
    }

    /** The number of operations over all threads. */
    public int operations() {
        return threads.stream().mapToInt(t -> t.ops().size()).sum();
    }
}
