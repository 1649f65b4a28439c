/**
 * Lock designs: who does what, in which lock order, on the OpenAFS write and writeback
 * path. A {@link org.flushcheck.design.LockDesign} supplies the AFS
 * address_space_operations (write_begin, write_end, writepage, readpage), the release
 * switches of the AFS code ({@link org.flushcheck.afs.AfsVariant}), its declared
 * {@link org.flushcheck.detect.LockOrder} and its {@link org.flushcheck.design.LockingTable}.
 * Built-in designs and user designs load through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.flushcheck.design.LockDesign}); see
 * {@link org.flushcheck.design.samples} for a complete one to copy.
 */
package org.flushcheck.design;
