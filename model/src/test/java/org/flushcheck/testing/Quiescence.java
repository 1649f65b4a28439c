package org.flushcheck.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import org.flushcheck.detect.Detectors;
import org.flushcheck.detect.Verdict;
import org.flushcheck.sync.LockingViolation;
import org.flushcheck.sync.Task;
import org.flushcheck.sync.TaskHandle;
import org.flushcheck.sync.TaskState;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * After every test, every run the test made must be quiescent (Caffeine's
 * CacheValidationInterceptor): all its tasks ended, no task blocked, no lock held, and
 * no finding the test did not take. The only locks allowed to stay held are those of
 * a task that exited with them, when the test took that BUG. Tests get runs through a
 * {@link Runs} parameter.
 */
public final class Quiescence implements ParameterResolver, AfterEachCallback {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(Quiescence.class);

    /** Makes runs for one test. */
    public static final class Runs {
        private final List<ModelRun> runs = new ArrayList<>();

        /** A run with every detector on, the watchdog off ({@link ModelRun#detectors}). */
        public ModelRun create() {
            return create(ModelRun.detectors().build());
        }

        public ModelRun create(Detectors detectors) {
            ModelRun r = new ModelRun(detectors);
            runs.add(r);
            return r;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
        return p.getParameter().getType() == Runs.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext e) {
        return e.getStore(NS).getOrComputeIfAbsent("runs", k -> new Runs(), Runs.class);
    }

    @Override
    public void afterEach(ExtensionContext e) {
        Runs runs = e.getStore(NS).get("runs", Runs.class);
        if (runs == null) {
            return;
        }
        for (ModelRun run : runs.runs) {
            run.joinAll();
            List<String> exitedHolding = new ArrayList<>();
            for (TaskHandle h : run.spawned()) {
                if (h.failure() instanceof LockingViolation v
                        && v.rule() == LockingViolation.Rule.EXIT_WITH_LOCKS_HELD
                        && !run.untaken().stream().anyMatch(f -> f.verdict() == Verdict.BUG)) {
                    exitedHolding.add(h.task().name());
                }
            }
            for (TaskState t : run.domain.snapshot()) {
                if (t.state() == Task.State.BLOCKED) {
                    fail("after the test " + t.name() + " is still blocked: " + t.waiting());
                }
                if (!t.held().isEmpty() && !exitedHolding.contains(t.name())) {
                    fail("after the test " + t.name() + " still holds " + t.held());
                }
            }
            assertEquals(List.of(), run.untaken(), "findings the test did not account for");
        }
    }
}
