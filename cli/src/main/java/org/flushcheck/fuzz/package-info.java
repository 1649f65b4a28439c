/**
 * Generated workloads with shrinking ({@code flushcheck fuzz}): random scenarios run under
 * the explorer, each distinct finding shrunk to a minimal scenario file.
 *
 * <p>Conventions of this package:
 * <ul>
 *   <li><b>Deterministic.</b> Scenario {@code i} of seed {@code S} is a function of
 *       {@code (S, i)} alone ({@link org.flushcheck.fuzz.Generator}); the explorer is
 *       deterministic; so the same arguments give the same findings, reproducers and
 *       summary, byte for byte. Wall time goes to stderr only.</li>
 *   <li><b>One key, one place.</b> What makes two findings the same one is
 *       {@link org.flushcheck.fuzz.Key}; the fuzzer counts by it and the shrinker keeps a
 *       candidate only if it reaches the same key under the same budget.</li>
 *   <li><b>Runnable, not only parseable.</b> A scenario the parser reads can still ask the
 *       model the impossible (an mmap store outside the file) or ask the durability oracle
 *       to judge racing writes to one byte. {@link org.flushcheck.fuzz.Workload} states the
 *       rules the generator keeps and the shrinker preserves.</li>
 *   <li>Depends on {@code scenario}, {@code explore}, {@code detect} and {@code report} of
 *       the model; the command ({@code cli.FuzzCommand}) depends on this package, never the
 *       other way.</li>
 * </ul>
 */
package org.flushcheck.fuzz;
