package org.doorbell.face;

import java.nio.file.Path;

/** A model file is missing, unreadable, truncated or not the model it should be. */
public class ModelFileException extends FaceEngineException {
    private final Path file;

    public ModelFileException(Path file, String message) {
        super(message);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
