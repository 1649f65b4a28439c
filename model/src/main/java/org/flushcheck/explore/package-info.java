/**
 * The explorer: deterministic, replayable, bounded-exhaustive scheduling of the model at
 * its choke point.
 *
 * <p>Conventions of this package:
 * <ul>
 *   <li><b>Controlled mode is the sync layer's.</b> {@link org.flushcheck.sync.Controller}
 *       runs a domain's tasks one at a time on real threads and asks a
 *       {@link org.flushcheck.sync.Chooser} at every scheduling point (every outermost
 *       atomic step of a primitive, every park, every {@link org.flushcheck.sync.Racy}
 *       access, every observation a harness waits for). Time is the domain's virtual
 *       clock, which moves only when no task can run. This package holds the policy: the
 *       strategies ({@code dfs}, {@code pct}, {@code random}, a replay), schedule ids and
 *       the loop that explores.</li>
 *   <li><b>Sound only for a model free of data races outside the sync layer.</b> Between
 *       two scheduling points a task runs alone, so shared state is either guarded by a
 *       primitive the task holds, or each access to it is a marked racy access (the C's
 *       unlocked flag tests and counters: {@link org.flushcheck.sync.RacyLong},
 *       {@link org.flushcheck.sync.RacyFlag}, each operation a scheduling point named as
 *       in C, {@code NR_FILE_DIRTY}, {@code i_size}, {@code AS_EIO}). A wait's condition
 *       runs inside the wait's step, so its racy reads are no points of their own, and
 *       that step's footprint is GLOBAL ({@link org.flushcheck.sync.Event#waitUntil}),
 *       unless every location the condition reads belongs to one region (a racy
 *       location made with a region takes the region's id): then the step touches the
 *       event and the region only, and a read outside it fails the run (the flusher's
 *       and kswapd's idle waits).
 *       What is checked: {@code RaceFreedomTest} (model tests, {@code org.flushcheck.sync})
 *       fails when a class of {@code vm}, {@code afs} or {@code design} has an atomic, a
 *       volatile or a {@code java.util.concurrent} collection field that is not on its
 *       allow-list, each entry with the reason it is sound (guarded by a model lock, set
 *       up before the tasks start, or touched only after a marked access); every
 *       primitive's step names its footprint; a run whose enabled tasks differ on replay
 *       fails loudly ("the model is not deterministic"); and replay tests compare whole
 *       outputs byte for byte. Plain fields are not scanned: their guards are the
 *       essays' and the locking tables'.</li>
 *   <li><b>The workload is what is explored.</b> A harness starts the daemons inside
 *       {@link org.flushcheck.sync.Domain#settle} (mount: every kernel thread and afsd
 *       daemon runs, in one fixed order, up to its first idle sleep) and shuts them down
 *       after {@link org.flushcheck.sync.Domain#fixOrder} (no decision from there on). The
 *       choices a strategy sees are the workload's and its durability check's; that is
 *       part of every bound this package states.</li>
 *   <li><b>A verdict carries its bound.</b> {@link org.flushcheck.explore.Exploration#bound}
 *       is a sentence (strategy, complete or budget reached, schedules); budgets count
 *       schedules, never seconds, so the same search gives the same answer anywhere.</li>
 *   <li><b>Every run has an id.</b> {@link org.flushcheck.explore.ScheduleId}: the
 *       switches away from the fallback choice, checksummed; replaying it gives the same
 *       run, byte for byte.</li>
 * </ul>
 */
package org.flushcheck.explore;
