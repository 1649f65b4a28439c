package org.flushcheck.design;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.flushcheck.afs.AfsConfig;
import org.flushcheck.afs.AfsDaemons;
import org.flushcheck.afs.AfsVnodeOps;
import org.flushcheck.afs.CacheManager;
import org.flushcheck.afs.VCache;
import org.flushcheck.sync.Domain;
import org.flushcheck.sync.Gfp;
import org.flushcheck.sync.TaskHandle;
import org.flushcheck.vm.FsWriteback;
import org.flushcheck.vm.KernelProfile;
import org.flushcheck.vm.Vm;
import org.flushcheck.vm.Vmscan;
import org.flushcheck.vm.WritebackControl;

/**
 * One AFS client host running one lock design on one kernel: the composition root of a
 * model run. Its methods are the operations scenarios and tests perform, each a
 * one-line delegation to the C-named entry point.
 */
public final class Client {

    private final LockDesign design;
    private final Vm vm;
    private final CacheManager cm;
    private final List<VCache> files = new ArrayList<>();

    public Client(Domain domain, LockDesign design, KernelProfile kernel, Vm.Config vmConfig,
            AfsConfig afsConfig, Path cacheDir) {
        this.design = design;
        this.vm = new Vm(domain, kernel, vmConfig);
        this.cm = new CacheManager(vm, afsConfig, design.variant(), cacheDir);
    }

    /** The kernel threads and AFS daemons a client can run. */
    public enum Daemon {
        /** pdflush, or one flush-&lt;bdi&gt; per bdi. */
        FLUSHER,
        KSWAPD,
        /** afs_cachetrim. */
        TRUNCATE_DAEMON,
        /** the afs_bkgd daemons (BOP_STORE). */
        BKG_DAEMONS
    }

    /** Starts the kernel threads (flusher, kswapd) and the AFS daemons. */
    public void start() {
        start(EnumSet.allOf(Daemon.class));
    }

    /**
     * Starts only {@code daemons}, so that a model checker explores fewer threads. An
     * operation that needs a daemon not started waits for a task that does not exist;
     * the detectors report that wait as a STALL, never a hang.
     */
    public void start(Set<Daemon> daemons) {
        vm.start(daemons.contains(Daemon.FLUSHER), daemons.contains(Daemon.KSWAPD));
        cm.start(daemons.contains(Daemon.TRUNCATE_DAEMON),
                daemons.contains(Daemon.BKG_DAEMONS) ? AfsDaemons.DAEMONS : 0);
    }

    /** Stops every thread this client started; returns them for joining. */
    public List<TaskHandle> shutdown() {
        vm.shutdown();
        cm.shutdown();
        List<TaskHandle> all = new ArrayList<>(vm.flusher().threads());
        if (vm.kswapd().thread() != null) {
            all.add(vm.kswapd().thread());
        }
        all.addAll(cm.threads());
        return all;
    }

    public LockDesign design() {
        return design;
    }

    public Vm vm() {
        return vm;
    }

    public CacheManager cm() {
        return cm;
    }

    /** Opens (creates) AFS file {@code fid}. */
    public VCache open(long fid) {
        VCache avc = cm.newVCache(fid, design.aops(cm));
        files.add(avc);
        return avc;
    }

    public long write(VCache f, long pos, byte[] data) {
        return AfsVnodeOps.afs_linux_write(cm, f, pos, data);
    }

    public byte[] read(VCache f, long pos, int len) {
        return AfsVnodeOps.afs_linux_read(cm, f, pos, len);
    }

    /** A store through a shared mapping; returns the bytes stored, fewer on SIGBUS (a page wholly past EOF). */
    public long mmapStore(VCache f, long pos, byte[] data) {
        return AfsVnodeOps.mmap_store(cm, f, pos, data);
    }

    public int fsync(VCache f) {
        return AfsVnodeOps.afs_linux_fsync(cm, f);
    }

    public void truncate(VCache f, long length) {
        AfsVnodeOps.afs_linux_truncate(cm, f, length);
    }

    public int close(VCache f) {
        return AfsVnodeOps.afs_linux_flush(cm, f);
    }

    /** A background writeback pass by the flusher threads, waited for (kupdate's tick). */
    public void writeback() {
        vm.flusher().flushAndWait();
    }

    /** One background writeback pass in the calling task, as pdflush runs it. */
    public void flusherPass() {
        vm.flusher().background_writeout();
    }

    /**
     * sync(2) as 2.6.18 runs it: the caller writes back every bdi itself
     * ({@code sync_inodes}: a WB_SYNC_NONE pass, then WB_SYNC_ALL), no flusher involved.
     */
    public void sync() {
        FsWriteback.writeback_inodes(vm, new WritebackControl(WritebackControl.SyncMode.WB_SYNC_NONE,
                Long.MAX_VALUE, false, null));
        FsWriteback.writeback_inodes(vm, WritebackControl.syncAll());
    }

    /** A direct-reclaim pass over every page (GFP_KERNEL), as memory pressure would run. */
    public void reclaim() {
        Vmscan.shrink_all(vm, Gfp.GFP_KERNEL);
    }

    /** One kswapd pass ({@code balance_pgdat}) in the calling task. */
    public void kswapdPass() {
        vm.kswapd().balance_pgdat();
    }

    public int shakeLooseVCaches() {
        return AfsVnodeOps.afs_ShakeLooseVCaches(cm);
    }

    /** What the fileserver holds for {@code f}: the durability oracle. */
    public byte[] stored(VCache f) {
        return cm.fileserver().contents(f.fid());
    }
}
