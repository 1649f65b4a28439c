package org.flushcheck.fuzz;

import java.util.List;
import org.flushcheck.scenario.Fault;
import org.flushcheck.scenario.Op;
import org.flushcheck.scenario.Scenario;
import org.flushcheck.scenario.ThreadSpec;

/** A scenario as its content alone: no source, no line numbers (what a file round trip changes). */
final class Scenarios {

    private Scenarios() {
    }

    static Scenario content(Scenario s) {
        List<ThreadSpec> threads = s.threads().stream().map(t -> new ThreadSpec(t.name(), t.after(),
                t.ops().stream().map(o -> new Op(o.kind(), o.args(), o.threads(), 0)).toList(), 0)).toList();
        List<Fault> faults = s.faults().stream().map(f -> new Fault(f.function(), f.errno(), f.skip(), f.times(), 0))
                .toList();
        return new Scenario(s.name(), "", s.story(), s.matches(), s.design(), s.kernel(), s.sizes(), faults, threads,
                s.expect());
    }
}
