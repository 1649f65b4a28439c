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
 */
package org.flushcheck.lincheck;
