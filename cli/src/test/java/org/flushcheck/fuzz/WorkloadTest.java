package org.flushcheck.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.flushcheck.detect.Verdict;
import org.flushcheck.scenario.Expect;
import org.flushcheck.scenario.Fault;
import org.flushcheck.scenario.Op;
import org.flushcheck.scenario.Scenario;
import org.flushcheck.scenario.Sizes;
import org.flushcheck.scenario.ThreadSpec;
import org.junit.jupiter.api.Test;

/** Workload's rules, each one broken once. */
class WorkloadTest {

    private static Scenario of(List<Fault> faults, ThreadSpec... threads) {
        return new Scenario("w", "", "", "", "safe-deferred", "2.6.32", Sizes.DEFAULTS, faults, List.of(threads),
                Expect.everywhere(Verdict.CLEAN));
    }

    private static ThreadSpec thread(String name, Op... ops) {
        return new ThreadSpec(name, List.of(), List.of(ops), 0);
    }

    /** One owner per file, stores within the file, one fault per function: runnable. */
    @Test
    void problem_ownedFilesAndStoresWithin_none() {
        assertNull(Workload.problem(of(List.of(), thread("a", Op.of(Op.Kind.WRITE, 1, 0, 8192),
                Op.of(Op.Kind.MMAP_STORE, 1, 4096, 4096)), thread("b", Op.of(Op.Kind.FSYNC, 1)))));
    }

    /** Two threads writing one file race on its bytes: the oracle could not judge it. */
    @Test
    void problem_twoWritersOfOneFile_named() {
        assertEquals("file 1 is changed by both a and b", Workload.problem(of(List.of(),
                thread("a", Op.of(Op.Kind.WRITE, 1, 0, 10)), thread("b", Op.of(Op.Kind.TRUNCATE, 1, 0)))));
    }

    /** A store past what the owner wrote (or after it truncated) is refused by the model. */
    @Test
    void problem_storePastTheFile_named() {
        assertEquals("a: mmap_store {file: 1, at: 0, bytes: 10} reaches past the file's 0 bytes",
                Workload.problem(of(List.of(), thread("a", Op.of(Op.Kind.WRITE, 1, 0, 8192),
                        Op.of(Op.Kind.TRUNCATE, 1, 0), Op.of(Op.Kind.MMAP_STORE, 1, 0, 10)))));
    }

    /** A second fault in one function would replace the first. */
    @Test
    void problem_twoFaultsInOneFunction_named() {
        Fault f = new Fault("afs_linux_writepage", "EIO", 0, 1, 0);
        assertEquals("two faults in afs_linux_writepage", Workload.problem(of(List.of(f, f),
                thread("a", Op.of(Op.Kind.WRITEBACK)))));
    }
}
