package org.flushcheck.vm;

/**
 * {@code struct address_space_operations}: what a file system does for the VM. The
 * contracts are the kernel's ({@code Documentation/filesystems/Locking}).
 */
public interface AddressSpaceOperations {

    /** ->writepage's "leave the page locked, do not redirty" answer. */
    int AOP_WRITEPAGE_ACTIVATE = 0x80000;

    /** -EIO. */
    int EIO = -5;

    /**
     * Returns the page for a write of {@code len} bytes at {@code pos}, locked; the VM
     * copies into it and calls {@link #write_end}.
     */
    Page write_begin(Inode inode, long pos, int len);

    /**
     * Finishes a copy of {@code copied} bytes at {@code pos} into {@code page}; must
     * unlock the page. Returns the bytes accepted or a negative errno.
     */
    int write_end(Inode inode, long pos, int copied, Page page);

    /**
     * Called with the page locked and PG_dirty already cleared. Must either set
     * writeback, unlock and later end it; or redirty, unlock and return 0; or return
     * {@link #AOP_WRITEPAGE_ACTIVATE} with the page still locked.
     */
    int writepage(Page page, WritebackControl wbc);

    /** Called with the page locked; fills it and unlocks it. */
    void readpage(Page page);
}
