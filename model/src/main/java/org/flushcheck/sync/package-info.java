/**
 * The instrumented primitives and the single choke point every wait goes through.
 *
 * <p>Conventions of this package:
 * <ul>
 *   <li><b>C semantics, C class names.</b> Each primitive mirrors a C lock or wait
 *       ({@code struct mutex}, {@code afs_rwlock_t}, page bits, {@code afs_osi_Sleep},
 *       spinlocks, the {@code fs_reclaim} lockdep map) and carries a {@link
 *       org.flushcheck.sync.LockClass} spelled as in C ({@code "AFS_GLOCK"},
 *       {@code "avc->lock"}, {@code "PG_locked"}). Order rules are between classes.</li>
 *   <li><b>One domain per run.</b> A {@link org.flushcheck.sync.Domain} owns the
 *       tasks, the primitives and the observer (the detectors). All primitive state
 *       is guarded by the domain's monitor, so the detectors see one consistent
 *       snapshot of who holds and who waits.</li>
 *   <li><b>One place blocks.</b> {@code ChokePoint.await} is the only code that parks
 *       a thread. Before parking it asks the observer whether the wait can ever end;
 *       if not, every stuck task gets a {@link org.flushcheck.sync.DeadlockException},
 *       drops what it holds and unwinds. Parking is {@code LockSupport.park}, which
 *       Lincheck's model checker schedules; the bookkeeping around it runs in atomic
 *       steps under the monitor that a checker can skip ({@link
 *       org.flushcheck.sync.AtomicSteps}).</li>
 *   <li><b>Strict rules fail at once</b> with a {@link
 *       org.flushcheck.sync.LockingViolation}: unlock by a non-owner, a task exiting
 *       with locks held, rwlock use without AFS_GLOCK, sleeping under a spinlock.
 *       A recursive acquire of a non-recursive lock is a self-deadlock, reported
 *       immediately whether or not detectors are installed.</li>
 *   <li><b>Aborted tasks unwind.</b> A task that received a model exception has
 *       released everything; its later unlocks are no-ops and its later waits
 *       rethrow, so model code only needs ordinary {@code try/finally}.</li>
 * </ul>
 */
package org.flushcheck.sync;
