package org.doorbell.image;

import java.nio.file.Path;

/** An image file could not be read; the message says why, for the user. */
public class ImageReadException extends Exception {
    private final Path file;

    public ImageReadException(Path file, String reason) {
        super(file + ": " + reason);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
