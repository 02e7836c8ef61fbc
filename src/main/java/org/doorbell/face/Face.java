package org.doorbell.face;

/** One face found in an image: where it is and who it looks like. */
public record Face(FaceBox box, FaceEncoding encoding) {
}
