package org.flushcheck.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flushcheck.detect.Verdict;
import org.flushcheck.vm.KernelProfile;
import org.flushcheck.vm.Page;

/**
 * From a hang report to the scenario that should reach it: each blocked task's frames are
 * mapped to the operation it was in (its role: the outermost frame the table knows), the
 * sizes follow what the frames show (a cache-drain wait needs a full cache; a store
 * recursing from writepage needs more dirty chunks than afs_cacheMaxDirtyChunks), and a
 * setup thread first makes the data the roles need. Frames neither in the role table nor
 * a model function are listed as unknown, never fatal.
 */
public final class Derivation {

    /** C functions (and the model's names for them) and the operation a task in them is doing. */
    static final Map<String, Op.Kind> ROLES = roles();

    /** Frames that show the cache filling up: the derived cache is two one-page chunks. */
    static final Set<String> CACHE_FULL = Set.of("afs_WaitForCacheDrain", "afs_MaybeWaitForCacheDrain",
            "afs_GetDownD", "afs_CacheTruncateDaemon", "afs_GetDownDSlot");

    /** Frames of a store started from writepage: the derived client stores at one dirty chunk. */
    static final Set<String> STORE_FROM_WRITEPAGE = Set.of("afs_DoPartialWrite", "osi_VM_StoreAllSegments",
            "afs_StoreAllSegments");

    /** Frames of a store through a mapping. */
    static final Set<String> MMAP = Set.of("do_page_fault", "handle_mm_fault", "__do_fault", "do_wp_page",
            "set_page_dirty_balance", "filemap_page_mkwrite", "mmap_store", "do_shared_fault");

    /** Wait frames (innermost wins) and the model lock class a task in them waits on. */
    static final Map<String, String> WAITS = Map.of("__lock_page", "PG_locked", "lock_page", "PG_locked",
            "sync_page", "PG_locked", "__lock_page_killable", "PG_locked", "wait_on_page_writeback", "PG_writeback",
            "wait_on_page_locked", "PG_locked",
            "afs_WaitForCacheDrain", "afs_WaitForCacheDrain", "congestion_wait", "congestion_wqh",
            "afs_global_lock", "AFS_GLOCK");

    /** Scheduler, lock and call glue: neither an operation nor unknown to the model. */
    static final Set<String> GLUE = Set.of("schedule", "io_schedule", "schedule_timeout", "__wait_on_bit_lock",
            "__wait_on_bit", "out_of_line_wait_on_bit_lock", "kthread", "child_rip", "ret_from_fork",
            "kernel_thread_helper", "lock_acquire", "__lock_acquire", "mutex_lock_nested", "__mutex_lock_slowpath",
            "mutex_lock", "system_call_fastpath", "entry_SYSCALL_64_after_hwframe", "do_syscall_64",
            "generic_writepages", "__writepage", "__filemap_fdatawrite_range", "bdi_start_fn", "park", "block",
            "afs_osi_Sleep", "afs_osi_SleepSig", "Afs_Lock_Obtain", "lock_page", "wait_on_page_locked",
            "writeback_sb_inodes", "run", "perform", "body");

    /** One task of the report, as derived. */
    public record Mapped(HangReport.Task task, String thread, Op.Kind role, List<String> known,
            List<String> unknown) { }

    private final HangReport report;
    private final List<Mapped> mapped = new ArrayList<>();

    /** {@code modelFunctions}: the names of the model's mirrored functions. */
    public Derivation(HangReport report, Set<String> modelFunctions) {
        this.report = report;
        Set<String> names = new LinkedHashSet<>();
        for (HangReport.Task t : report.tasks()) {
            Op.Kind role = null;
            List<String> known = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            for (String f : t.frames()) {
                if (ROLES.containsKey(f)) {
                    role = ROLES.get(f);
                    known.add(f);
                } else if (modelFunctions.contains(f) || CACHE_FULL.contains(f) || STORE_FROM_WRITEPAGE.contains(f)
                        || MMAP.contains(f) || modelFunctions.stream().anyMatch(n -> n.startsWith(f + "_"))) {
                    known.add(f);
                } else if (!GLUE.contains(f) && !WAITS.containsKey(f)) {
                    unknown.add(f);
                }
            }
            String thread = t.name().replaceAll("[^A-Za-z0-9_.-]", "_");
            thread = Character.isLetter(thread.charAt(0)) ? thread : "t" + thread;
            String unique = thread.length() > 28 ? thread.substring(0, 28) : thread;
            for (int i = 2; !names.add(unique); i++) {
                unique = thread + "-" + i;
            }
            mapped.add(new Mapped(t, unique, role, known, unknown));
        }
    }

    public List<Mapped> mapped() {
        return List.copyOf(mapped);
    }

    /** The lock classes the report's tasks wait on or name, spelled as the model's. */
    public Set<String> locks() {
        Set<String> out = new LinkedHashSet<>();
        for (HangReport.Task t : report.tasks()) {
            out.addAll(t.locks());
            t.frames().stream().filter(WAITS::containsKey).findFirst().ifPresent(f -> out.add(WAITS.get(f)));
        }
        return out;
    }

    /** The kernel profile the report's version falls in, or null when it names none. */
    public KernelProfile kernel() {
        String v = report.kernel();
        if (v.isEmpty()) {
            return null;
        }
        String[] p = v.split("\\.", -1);
        int major = Integer.parseInt(p[0]);
        int minor = p.length > 1 ? Integer.parseInt(p[1]) : 0;
        int patch = p.length > 2 ? Integer.parseInt(p[2]) : 0;
        if (major == 2 && (minor < 6 || patch < 32)) {
            return KernelProfile.K2_6_18;
        }
        if (major == 2 || (major == 3 && minor < 2)) {
            return KernelProfile.K2_6_32;
        }
        return KernelProfile.named("3.2+");
    }

    /** The scenario: a setup thread, then one thread per blocked task with a role. */
    public Scenario scenario(String name, String source) {
        Set<String> frames = new LinkedHashSet<>();
        mapped.forEach(m -> frames.addAll(m.task().frames()));
        boolean cacheFull = frames.stream().anyMatch(CACHE_FULL::contains);
        boolean recursion = frames.stream().anyMatch(STORE_FROM_WRITEPAGE::contains);
        boolean mmap = frames.stream().anyMatch(MMAP::contains);
        Set<Op.Kind> roles = new LinkedHashSet<>();
        mapped.stream().filter(m -> m.role() != null).forEach(m -> roles.add(m.role()));
        // a truncate stuck on a page lock nobody holds: a writepage left it locked (B2's shape)
        boolean pastEof = roles.contains(Op.Kind.TRUNCATE_INODE_PAGES) && locks().contains("PG_locked");
        int chunkPages = cacheFull || recursion ? 1 : Sizes.DEFAULTS.chunkPages();
        Sizes d = Sizes.DEFAULTS;
        Sizes sizes = new Sizes(d.memoryPages(), 0, 0, d.ratelimitPages(), chunkPages, cacheFull ? 2 : 16,
                cacheFull ? 2 : recursion ? 1 : 0, 0, false, true, true);
        long data = 2L * chunkPages * Page.PAGE_SIZE;

        List<ThreadSpec> threads = new ArrayList<>();
        List<Op> setup = new ArrayList<>(List.of(Op.of(Op.Kind.WRITE, 1, 0, data)));
        if (mmap || recursion || pastEof) {
            setup.add(Op.of(Op.Kind.FSYNC, 1));
            setup.add(pastEof ? Op.of(Op.Kind.MMAP_STORE, 1, data / 2, 100) : Op.of(Op.Kind.MMAP_STORE, 1, 0, data));
        }
        if (pastEof) {
            setup.add(Op.of(Op.Kind.I_SIZE_WRITE, 1, data / 2));
        }
        if (cacheFull) {
            setup.add(Op.of(Op.Kind.WRITEBACK));
        }
        threads.add(new ThreadSpec("setup", List.of(), setup, 0));
        if (cacheFull) {
            // a cache full of dirty chunks is left by the truncate daemon or by a truncate
            // that frees space outside it (B10's shape); the truncate runs while someone waits
            String first = mapped.stream().filter(m -> m.role() != null).map(Mapped::thread).findFirst()
                    .orElse("setup");
            Map<String, String> until = first.equals("setup") ? Map.of() : Map.of("ended", first);
            threads.add(new ThreadSpec("truncate", List.of("setup"), List.of(
                    new Op(Op.Kind.AWAIT, Map.of("drain_waiters", 1L), until, 0), Op.of(Op.Kind.TRUNCATE, 1, 0)), 0));
        }
        String writeback = null;
        if (pastEof && !roles.contains(Op.Kind.WRITEBACK)) {
            writeback = "flusher";
            threads.add(new ThreadSpec(writeback, List.of("setup"), List.of(Op.of(Op.Kind.WRITEBACK)), 0));
        }
        for (Mapped m : mapped) {
            if (m.role() == null) {
                continue;
            }
            List<String> after = new ArrayList<>(List.of("setup"));
            if (pastEof && m.role() == Op.Kind.TRUNCATE_INODE_PAGES && writeback != null) {
                after.add(writeback);
            }
            threads.add(new ThreadSpec(m.thread(), after, List.of(op(m.role(), data)), 0));
            if (m.role() == Op.Kind.WRITEBACK && writeback == null) {
                writeback = m.thread();
            }
        }
        KernelProfile k = kernel();
        return new Scenario(name, source, "Derived by flushcheck reproduce from a " + report.format()
                + " report of " + report.tasks().size() + " blocked task(s).", "", "safe-deferred",
                k == null ? "2.6.32" : k.label(), sizes, List.of(), threads, Expect.everywhere(Verdict.CLEAN));
    }

    /**
     * The AFS fixes the frames point at, as the sizes of the release before each: a
     * cache-drain wait may be B10 (truncate daemon), a store from writepage B11 (leftover
     * zero-length chunks). {@code reproduce} also runs the scenario under these.
     */
    public Map<String, Sizes> beforeFixes(Sizes sizes) {
        Set<String> frames = new LinkedHashSet<>();
        mapped.forEach(m -> frames.addAll(m.task().frames()));
        Map<String, Sizes> out = new LinkedHashMap<>();
        if (frames.stream().anyMatch(CACHE_FULL::contains)) {
            out.put("truncate_daemon: false", sizes.withFixes(false, sizes.storeReleasesLeftovers()));
        }
        if (frames.contains("afs_StoreAllSegments")) {
            out.put("store_releases_leftovers: false", sizes.withFixes(sizes.truncateDaemonFix(), false));
        }
        return out;
    }

    private static Op op(Op.Kind role, long data) {
        return switch (role) {
            case WRITE -> Op.of(role, 2, 0, data / 2);
            case MMAP_STORE -> Op.of(role, 1, 0, data / 2);
            case READ -> Op.of(role, 1, 0, data / 2);
            case FSYNC, CLOSE -> Op.of(role, 1);
            case TRUNCATE -> Op.of(role, 1, 0);
            case I_SIZE_WRITE -> Op.of(role, 1, data / 2);
            case TRUNCATE_INODE_PAGES -> Op.of(role, 1, data / 2);
            default -> Op.of(role);
        };
    }

    private static Map<String, Op.Kind> roles() {
        Map<String, Op.Kind> m = new LinkedHashMap<>();
        for (String f : List.of("sys_write", "vfs_write", "ksys_write", "do_sync_write", "generic_file_aio_write",
                "generic_perform_write", "afs_linux_write", "afs_linux_write_end", "afs_linux_write_begin",
                "afs_linux_commit_write", "afs_linux_prepare_write", "afs_write")) {
            m.put(f, Op.Kind.WRITE);
        }
        for (String f : List.of("sys_read", "vfs_read", "do_sync_read", "generic_file_aio_read", "afs_linux_read",
                "afs_linux_readpage", "afs_read")) {
            m.put(f, Op.Kind.READ);
        }
        for (String f : List.of("sys_fsync", "do_fsync", "vfs_fsync", "vfs_fsync_range", "afs_linux_fsync",
                "afs_fsync")) {
            m.put(f, Op.Kind.FSYNC);
        }
        for (String f : List.of("sys_close", "filp_close", "afs_linux_flush", "afs_close")) {
            m.put(f, Op.Kind.CLOSE);
        }
        for (String f : List.of("sys_ftruncate", "do_truncate", "do_sys_ftruncate", "notify_change",
                "afs_notify_change", "afs_linux_truncate", "vmtruncate", "truncate_setsize")) {
            m.put(f, Op.Kind.TRUNCATE);
        }
        m.put("truncate_inode_pages", Op.Kind.TRUNCATE_INODE_PAGES);
        m.put("truncate_inode_pages_range", Op.Kind.TRUNCATE_INODE_PAGES);
        for (String f : List.of("pdflush", "wb_kupdate", "background_writeout", "bdi_writeback_task",
                "bdi_writeback_thread", "wb_writeback", "wb_do_writeback", "writeback_inodes", "writeback_inodes_wb",
                "sync_sb_inodes", "writeback_single_inode", "__writeback_single_inode", "flusher")) {
            m.put(f, Op.Kind.WRITEBACK);
        }
        for (String f : List.of("sys_sync", "do_sync", "sync_inodes", "sync_inodes_sb")) {
            m.put(f, Op.Kind.SYNC);
        }
        for (String f : List.of("kswapd", "balance_pgdat", "try_to_free_pages", "do_try_to_free_pages",
                "shrink_zone", "shrink_page_list", "pageout", "shrink_all")) {
            m.put(f, Op.Kind.RECLAIM);
        }
        for (String f : List.of("afs_ShakeLooseVCaches", "afs_FlushVCache", "osi_VM_FlushVCache")) {
            m.put(f, Op.Kind.SHAKE_LOOSE_VCACHES);
        }
        return Map.copyOf(m);
    }
}
