package org.flushcheck.sync;

/**
 * Base of the exceptions the sync layer throws into model code. A task that receives
 * one has already released everything it held; it only has to unwind.
 */
public abstract class ModelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ModelException(String message) {
        super(message);
    }
}
