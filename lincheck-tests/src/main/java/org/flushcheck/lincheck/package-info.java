/**
 * Lincheck model checking of the lock designs: the exploration engine
 * ({@link org.flushcheck.lincheck.LincheckExplorer}) and, in the tests, one abstract test
 * per concern with a one-line subclass per design.
 *
 * <p><b>How Lincheck and the detectors cooperate.</b> Lincheck owns the schedule: it runs
 * a {@link org.flushcheck.lincheck.Program} once per invocation, choosing where threads
 * switch, and it controls every {@code LockSupport.park}/{@code unpark} and thread start
 * and join. The detectors own the verdict: they run inside every atomic step of the sync
 * layer, so a lock-order cycle is named (a lockdep splat) even when the interleaving did
 * not deadlock, and a deadlock is caught before the last task of the cycle parks: every
 * stuck task gets a {@code DeadlockException}, the program ends, and the invocation fails
 * with the finding's title. Lincheck then reports that interleaving. So a deadlock never
 * reaches Lincheck as a hang, and what Lincheck reports that the detectors did not name
 * (a hang, an exception in the model) is reported as a BUG.
 *
 * <p>The sync layer's steps run in Lincheck ignored sections
 * ({@link org.flushcheck.sync.AtomicSteps}): Lincheck does not spend switch points on the
 * bookkeeping of a lock operation, only on model code between steps and on the parks and
 * unparks around them; host file I/O (the cache's real files), which Lincheck refuses,
 * runs in such a section too. The watchdog is off: under Lincheck a timed wait times out
 * at once.
 *
 * <p>Bounds: {@link org.flushcheck.lincheck.Bounds} (invocations, from the system property
 * {@code flushcheck.lincheck.invocations}; {@code -Pdeep} raises it); each test logs the
 * bounds it explored and the threads of its program.
 *
 * <p><b>Completed invocations.</b> Lincheck restores, after every invocation, what
 * analysed code wrote to the objects reachable from the test (its memory snapshot), so
 * the engine keeps its tally (runs completed, the failing and the predicted verdict) in
 * an ignored section. Lincheck may also abort a run (its abort is an {@code Error} that a
 * task's catch-all would take for a failure, see
 * {@link org.flushcheck.lincheck.LincheckExplorer#ended}); only completed runs were
 * checked by the detectors, so a verdict states how many completed ("CLEAN within 100
 * invocations; 100 of 100 invocations completed"), and an exploration that completed none
 * is a BUG, never CLEAN. Lincheck 3.4 silently ended about half of the runs of a correct
 * park-based mutex ({@code LincheckLimitsTest}: 47 of 100); 3.7 completes them all.
 *
 * <p><b>A whole client is still out of reach.</b> Under 3.7 a started {@code Client} (its
 * flusher, kswapd and AFS daemons parked idle, then the scenario's tasks) is reported as
 * "All unfinished threads are in livelock due to non-terminating loops" at an idle
 * daemon's park loop, with internal errors in Lincheck's object tracker
 * ({@code IndexOutOfBoundsException} in {@code BaseObjectTracker.cleanup}) on the tasks'
 * field writes; {@code flushcheck run --explore lincheck} reports that as a BUG with
 * Lincheck's trace. The lead: Lincheck emulates a spurious wake-up at every park
 * ({@code ManagedStrategy.beforePark}: "Instead of fairly supporting the park/unpark
 * semantics, we simply add a new switch point here, thus, also emulating spurious
 * wake-ups"), except inside its silent sections, so an idle daemon's correct wait loop
 * re-parks again and again; after 50 identical iterations Lincheck calls it an active lock.
 * So the per-concern suites over a client (B1, ShakeLooseVCaches, truncate vs writeback,
 * B10) are not here yet; the jcstress suites and {@code flushcheck verify} cover them on
 * real threads.
 *
 * <p><b>Operations without daemons work.</b> {@code FileLinearizabilityTest} drives a
 * client started with no daemon through Lincheck's data-structure API: write, read and
 * truncate on one file, linearizable against a byte array under every design. It found a
 * model defect on its first run: VTOAFS looked the vcache up in a map keyed by the inode's
 * identity hash, and Lincheck gives objects other identity hashes inside a checked run than
 * in the test's constructor; the vcache is now the inode's {@code i_private}. Model code
 * must not key maps by identity where a checker replays it.
 */
package org.flushcheck.lincheck;
