/**
 * jcstress suites: each lock design on real threads, one race per file.
 *
 * <p>Conventions:
 * <ul>
 *   <li>A file is one race (its header: the OpenAFS story with the C functions, the
 *       sequential spec, how to run it alone, a result table from this machine). Its
 *       package-private {@code Race} holds the configuration, setup, actors and check; one
 *       nested {@code @JCStressTest} per design only names the design and delegates, so the
 *       designs read side by side ({@code WritepageVsTruncate.SafeDeferred}).</li>
 *   <li>Every state is a {@link org.flushcheck.stress.StressRun}: a fresh domain and
 *       detectors, the client built by the first actor, every model thread joined before
 *       the arbiter runs. Its class comment is the protocol.</li>
 *   <li>Outcomes are {@code "VERDICT, DATA"} and shared through {@code @JCStressMeta}
 *       ({@link org.flushcheck.stress.Outcomes}): hangs are interesting for a design known
 *       to hang, forbidden for safe-deferred; wrong data without a hang is forbidden unless
 *       the test names the design's known loss in its own {@code @Outcome}; a catch-all
 *       FORBIDDEN closes every list.</li>
 *   <li>Two actors per race: jcstress runs no test with more actors than CPUs, and CI has
 *       two.</li>
 * </ul>
 */
package org.flushcheck.stress;
