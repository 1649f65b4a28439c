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
 * <p><b>Completed invocations.</b> Lincheck 3.4 restores, after every invocation, what
 * analysed code wrote to the objects reachable from the test (its memory snapshot), so
 * the engine keeps its tally (runs completed, the failing and the predicted verdict) in
 * an ignored section. And Lincheck ends some runs early without any report: the main
 * thread is aborted (its abort is an {@code Error} that a task's catch-all would take for
 * a failure, see {@link org.flushcheck.lincheck.LincheckExplorer#ended}) and the run does
 * not count as a failure. Only completed runs were checked by the detectors, so a verdict
 * states how many completed ("CLEAN within 100 invocations; 62 of 100 invocations
 * completed"), and an exploration that completed none is a BUG, never CLEAN. Minimal case,
 * with no flushcheck code: {@code LincheckLimitsTest}, a correct park-based mutex (state
 * under a monitor, park and unpark outside it, as in the choke point) taken once by each
 * of two threads: 47 of 100 runs complete (plain threads without parking: 100 of 100).
 * Through the engine, two tasks nesting two Mutexes in the same order complete 62 of 100;
 * a task parked in an idle wait, then a second task spawned and joined, about 1 in 3, the
 * others ending before the second task's body runs. A whole {@code Client} (flusher threads
 * parked idle, then setup and actor tasks) completed none of 3 runs, so the per-concern
 * suites over a client (B1, ShakeLooseVCaches, truncate vs writeback, B10) are not here
 * yet: they would report on runs that never reached the hazard.
 */
package org.flushcheck.lincheck;
