package org.doorbell.visitors;

/** A visitor store file that cannot be used; the message names the file and says why, for a person to read. */
public final class StoreException extends Exception {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
