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
 * <p>Bounds: {@link org.flushcheck.lincheck.Bounds}: the clean bound (invocations behind a
 * "CLEAN within N invocations", property {@code flushcheck.lincheck.invocations}) and the
 * search budget for a finding a test expects (property {@code flushcheck.lincheck.search};
 * the search stops at the finding); {@code -Pdeep} raises both and adds the clean cells of
 * the designs that are neither safe-deferred nor a fixed release (JUnit tag {@code deep}).
 * Each test logs the bounds it explored and the tasks of its program.
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
 * <p><b>Concern suites.</b> {@code ConcernTest}: one abstract test per concern (B1
 * {@code MmapWritebackRecursionTest}, B2 {@code WritepageVsTruncateTest}, B10
 * {@code CacheFullWriterVsTruncateTest}, {@code WritepageVsShakeLooseVCachesTest},
 * {@code WritebackVsReclaimTest}) with a one-line subclass per design naming what it
 * expects ({@code Expectation}: CLEAN, or a verdict over exactly these lock classes, with
 * Lincheck's interleaving). The kernel actors are tasks running one pass each
 * (pdflush's {@code background_writeout}, direct reclaim, kswapd's {@code balance_pgdat},
 * {@code afs_ShakeLooseVCaches}); a daemon the concern is about (the truncate daemon) runs
 * as a thread. A concern's setup runs in a task of its own, outside the analysis.
 *
 * <p><b>What Lincheck needs from the model, learnt the hard way.</b>
 * <ul>
 * <li>Lincheck emulates a spurious wake-up at every park ({@code ManagedStrategy.beforePark}:
 * "Instead of fairly supporting the park/unpark semantics, we simply add a new switch point
 * here, thus, also emulating spurious wake-ups"), except in its silent sections, which have
 * no public entry in 3.7. An idle daemon's wait loop therefore re-parks again and again;
 * after ten rounds Lincheck calls it an "active lock" and switches away. That is correct,
 * and costs time: an idle daemon doubles the cost of a run (B10's clean run is about 2 s
 * an invocation, B2's 0.6 s).</li>
 * <li>A loop over bytes in analysed code (filling a buffer) is taken for a spin, and when
 * every other thread waits Lincheck reports "All unfinished threads are in livelock due to
 * non-terminating loops". The scenario runner's data fill was one: it is what kept a whole
 * client (flushers, kswapd, the AFS daemons) out of {@code flushcheck run --explore
 * lincheck}; it is now one bulk step, and a whole client explores (B1: DEADLOCK
 * [PG_locked] by flush-afs at the third invocation, 10 tasks).</li>
 * <li>The program's own thread becomes a task for the detectors as soon as it calls into
 * the model, and stays one, alive, while it joins the actors: a sleeper that only it could
 * wake is then never a STALL, and Lincheck reports the hang without a name. So the
 * program's thread never calls the model while actors run.</li>
 * <li>Lincheck gives objects it tracks other identity hashes than the code outside its
 * analysis sees: a map keyed by identity and filled outside the analysis misses inside it
 * (the cache files were keyed by inode; now by inode number). Building the client itself
 * outside the analysis made a run hang (a wall-clock timeout, below), so only the setup's
 * operations are.</li>
 * <li>Each invocation has a wall-clock limit: 30 s ({@code CTestConfiguration.DEFAULT_TIMEOUT_MS}).
 * When it trips, Lincheck reports "= Concurrent test has hung =" with no interleaving, only a
 * dump of every thread (tens of thousands of lines, once with a
 * {@code ConcurrentModificationException} from Lincheck's own code in it). The engine tells
 * this from a hang Lincheck's analysis found by the failure's type ({@code TimeoutFailure},
 * through {@code LincheckAssertionError}'s internal {@code getFailure}), and the exploration
 * is <b>INCONCLUSIVE</b>: no verdict, no finding, one line saying after how many invocations
 * ({@link org.flushcheck.lincheck.Exploration#decided()}); so is an exception thrown from
 * Lincheck's own code. A test skips it (a JUnit assumption), and {@code run --explore
 * lincheck} exits 3.</li>
 * <li>What we found on raising the limit (Lincheck 3.7's sources and jar): there is no
 * supported way. {@code Lincheck.runConcurrentTest} builds a fresh {@code ModelCheckingOptions}
 * each call and passes its timeout to the runner; no system property reads it (the
 * {@code lincheck.*} properties are the log level and file, {@code instrumentAllClasses} and
 * debug flags); its loop and recursion bounds ({@code LincheckSettings}) count events, not
 * time. The options API has {@code invocationTimeout}, internal in Kotlin and
 * {@code invocationTimeout$lincheck(long)} in bytecode: {@code FileLinearizabilityTest},
 * on the data-structure API, raises its limit with it. For {@code runConcurrentTest} the same
 * would mean re-implementing its internal driver (a private {@code createStrategy}, the
 * runner, the verifier) by mangled names: brittle across versions, so not done. The first
 * invocation in a JVM also transforms every model class it loads (about 12 s here, lazily,
 * inside the timed invocation; Lincheck transforms only the objects the test's lambda
 * captures before the clock starts, and our program builds its client inside the
 * invocation): so the engine explores once more when the first invocation alone timed out,
 * by then with the transformed classes cached for the JVM; a second timeout is
 * INCONCLUSIVE.</li>
 * <li>Because the limit is the host's clock, the suites (JUnit tag {@code lincheck}) run only
 * with {@code -Plincheck} (and {@code -Pdeep}); CI runs them ({@code .ci/run}). The default
 * build runs the same races on the explorer, on virtual time (the committed scenarios under
 * {@code verify}).</li>
 * </ul>
 *
 * <p><b>Linearizability and durability.</b> {@code FileLinearizabilityTest} drives a
 * client started with no daemon through Lincheck's data-structure API: write, read and
 * truncate on one file, linearizable against a byte array under every design, and after
 * every interleaving fsync's data on the fileserver. It found a model defect on its first
 * run: VTOAFS looked the vcache up in a map keyed by the inode's identity hash; the vcache
 * is now the inode's {@code i_private}. A whole scenario under {@code run --explore lincheck}
 * is judged by the scenario runner's file oracle (a linearizability check of each file's
 * history), whose findings the runner adds to the invocation's detectors.
 */
package org.flushcheck.lincheck;
