/**
 * flushcheck: an executable model of the OpenAFS Linux write and writeback path,
 * built on instrumented locks that turn a deadlock into a verdict.
 *
 * <p>Packages depend one way only; an arrow points at the package that is used:
 * <pre>
 *   sync  &lt;-  detect                       (detectors plug into the sync choke point)
 *   sync  &lt;-  explore                      (the explorer's strategies drive the sync Controller)
 *   sync  &lt;-  vm  &lt;-  afs  &lt;-  design  &lt;-  scenario  &lt;-  report
 *                                  explore  &lt;-  scenario
 * </pre>
 * {@code sync} knows nothing of the packages above it: it offers the primitives
 * (Mutex, AfsRwLock, PageBits, Event, SpinLock, Reclaim), the one place every
 * wait blocks, and the {@link org.flushcheck.sync.Observer} interface through
 * which {@code detect} watches acquisitions and vetoes a park that would never
 * end. Model code never uses a raw Java lock, {@code wait()} or sleep: if the
 * detectors cannot see a wait, they cannot report it.
 */
package org.flushcheck;
