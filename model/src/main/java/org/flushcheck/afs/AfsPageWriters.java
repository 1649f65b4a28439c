package org.flushcheck.afs;

import org.flushcheck.sync.Gfp;
import org.flushcheck.sync.Task;

/**
 * The recursion guard of writepage: the vcache-wide CPageWrite bit (1.4.8-1.6.11; C4:
 * one shared bit, cleared by whichever writer finishes) or the per-task pagewriters
 * list under {@code avc->pagewriter_lock} (1.6.12+). Called with GLOCK and avc->lock W.
 */
final class AfsPageWriters {

    private AfsPageWriters() {
    }

    /**
     * {@code afs_linux_prepare_writeback}: false when a write is already in progress by
     * the guard's rule (the caller answers AOP_WRITEPAGE_ACTIVATE); otherwise marks it.
     */
    static boolean prepare(CacheManager cm, VCache avc) {
        switch (cm.variant().storeGuard()) {
            case CPAGEWRITE -> {
                if ((avc.states & VCache.CPAGEWRITE) != 0) {
                    return false;
                }
                avc.states |= VCache.CPAGEWRITE;
                return true;
            }
            case PAGEWRITERS -> {
                Task me = cm.domain().current();
                avc.pagewriterLock.lock();
                try {
                    if (avc.pagewriters.contains(me)) {
                        return false;
                    }
                } finally {
                    avc.pagewriterLock.unlock();
                }
                cm.vm().fsReclaim().mightAlloc(Gfp.GFP_NOFS); // osi_Alloc, outside the spinlock
                avc.pagewriterLock.lock();
                try {
                    avc.pagewriters.add(me);
                } finally {
                    avc.pagewriterLock.unlock();
                }
                return true;
            }
            default -> {
                return true;
            }
        }
    }

    /** {@code afs_linux_complete_writeback}: clears the bit / removes this task. */
    static void complete(CacheManager cm, VCache avc) {
        switch (cm.variant().storeGuard()) {
            case CPAGEWRITE -> avc.states &= ~VCache.CPAGEWRITE;
            case PAGEWRITERS -> {
                avc.pagewriterLock.lock();
                try {
                    avc.pagewriters.remove(cm.domain().current());
                } finally {
                    avc.pagewriterLock.unlock();
                }
            }
            default -> { }
        }
    }

    /** Whether any task is a pagewriter ({@code list_empty} under the spinlock). */
    static boolean isEmpty(VCache avc) {
        avc.pagewriterLock.lock();
        try {
            return avc.pagewriters.isEmpty();
        } finally {
            avc.pagewriterLock.unlock();
        }
    }
}
