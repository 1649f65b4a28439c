/**
 * Renders what the model found, in the formats users already read: the terminal summary
 * of a run, and the committed {@code findings/} tree (the design x kernel matrix, a
 * LOCKING.md per design, one page per distinct finding with its splat, interleaving,
 * Mermaid graph, bounds and the one command that reproduces it, named by the finding's
 * identity: {@link org.flushcheck.report.Distinct}), written by
 * {@link org.flushcheck.report.FindingsTree}, which deletes only pages it wrote; and the
 * CI outputs of a verify run, JUnit XML and a JSON summary.
 *
 * <p>Everything here is deterministic: stable order, no timestamps, no durations, no host
 * paths (the JSON summary's {@code findingsDir} is as the user named it), so that
 * regenerating {@code findings/} on another machine gives the same bytes wherever the
 * model's behaviour is the same.
 */
package org.flushcheck.report;
