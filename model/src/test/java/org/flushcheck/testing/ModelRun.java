package org.flushcheck.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.flushcheck.detect.Detectors;
import org.flushcheck.detect.Finding;
import org.flushcheck.detect.Verdict;
import org.flushcheck.sync.Domain;
import org.flushcheck.sync.Task;
import org.flushcheck.sync.TaskHandle;
import org.flushcheck.sync.TaskState;

/**
 * One model run inside a test: a domain with its detectors, the tasks the test spawned,
 * and the findings the test has accounted for. {@link Quiescence} checks after every
 * test that the run ended clean: every task done, nothing held, nobody waiting, and
 * every finding taken by the test.
 */
public final class ModelRun {

    /**
     * How long a test waits for a model condition or a task before failing "timed out".
     * Each such condition comes within milliseconds on a quiet machine, so only a broken
     * model reaches the bound, however busy the host.
     */
    public static final Duration BOUND = Duration.ofMinutes(5);

    /**
     * Detectors for a real-thread test that is not about the watchdog: every detector on,
     * the hung-task watchdog off. The graphs name a deadlock or a stall at once; a wait
     * they cannot explain is then a task that never ends ({@link #BOUND}), never a
     * HUNG_TASK that a slow host made (only the watchdog's own tests set a bound).
     */
    public static Detectors.Builder detectors() {
        return Detectors.builder().hungTask(Duration.ZERO);
    }

    public final Detectors detectors;
    public final Domain domain;
    private final List<TaskHandle> spawned = new ArrayList<>();
    private final Set<Finding> taken = new HashSet<>();

    ModelRun(Detectors detectors) {
        this.detectors = detectors;
        this.domain = new Domain(detectors);
    }

    public TaskHandle spawn(String comm, Runnable body) {
        TaskHandle h = domain.spawn(comm, body);
        spawned.add(h);
        return h;
    }

    /** Spawns {@code spawns} together (one step registers them all, then they start). */
    public List<TaskHandle> spawnAll(List<Domain.Spawn> spawns) {
        List<TaskHandle> h = domain.spawnAll(spawns);
        spawned.addAll(h);
        return h;
    }

    /** Waits (bounded) until every spawned task has ended. */
    public void joinAll() {
        await("every task of the run ends").atMost(BOUND).until(() -> spawned.stream()
                .allMatch(TaskHandle::isDone));
    }

    /** Waits (bounded) until the task named {@code comm} is blocked. */
    public void awaitBlocked(String comm) {
        await(comm + " blocks").atMost(BOUND).until(() -> state(comm) == Task.State.BLOCKED);
    }

    /** Waits (bounded) until the task named {@code comm} is blocked or has exited. */
    public void awaitBlockedOrExited(String comm) {
        await(comm + " blocks or exits").atMost(BOUND).until(() -> state(comm) == Task.State.BLOCKED
                || state(comm) == Task.State.EXITED);
    }

    private Task.State state(String comm) {
        for (TaskState t : domain.snapshot()) {
            if (t.comm().equals(comm)) {
                return t.state();
            }
        }
        return null;
    }

    /** The findings of {@code verdict}, which the test now accounts for. */
    public List<Finding> take(Verdict verdict) {
        List<Finding> found = detectors.findings(verdict);
        taken.addAll(found);
        return found;
    }

    List<Finding> untaken() {
        return detectors.findings().stream().filter(f -> !taken.contains(f)).toList();
    }

    List<TaskHandle> spawned() {
        return spawned;
    }
}
