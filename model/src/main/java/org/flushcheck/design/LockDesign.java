package org.flushcheck.design;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.flushcheck.afs.AfsVariant;
import org.flushcheck.afs.CacheManager;
import org.flushcheck.detect.LockOrder;
import org.flushcheck.vm.AddressSpaceOperations;

/**
 * A lock design for the OpenAFS Linux write and writeback path. It decides what
 * write_begin, write_end, writepage and readpage do on AFS pages, picks the release
 * switches of the shared AFS code, and states its lock order and locking table once,
 * as data, for the detectors to check.
 */
public interface LockDesign {

    /** The name users select it by, e.g. {@code safe-deferred}. */
    String name();

    /** One line: what the design does. */
    String summary();

    /** The release switches of the AFS code under this design. */
    AfsVariant variant();

    /** The AFS address_space_operations for the files of {@code cm}. */
    AddressSpaceOperations aops(CacheManager cm);

    /** The declared lock order: every dependency the design may create. */
    LockOrder lockOrder();

    /** The locking table: what each entry point holds and takes. */
    LockingTable lockingTable();

    /**
     * The design as an earlier release shipped it, before a fix (e.g. 1.4 before
     * CPageWrite): selectable by name to reproduce an old hang, not part of {@link #all()}.
     */
    default List<LockDesign> withoutFixes() {
        return List.of();
    }

    /** Every design on the class path (built-in and user), in a stable order. */
    static List<LockDesign> all() {
        List<LockDesign> out = new ArrayList<>();
        ServiceLoader.load(LockDesign.class).forEach(out::add);
        return out;
    }

    /** The design named {@code name}; an IllegalArgumentException naming the known ones otherwise. */
    static LockDesign named(String name) {
        List<LockDesign> all = all();
        List<LockDesign> known = new ArrayList<>();
        for (LockDesign d : all) {
            known.add(d);
            known.addAll(d.withoutFixes());
        }
        for (LockDesign d : known) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown lock design '" + name + "'; known: "
                + known.stream().map(LockDesign::name).collect(Collectors.joining(", ")));
    }
}
