package org.doorbell.visitors;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A visitor's picture (a JPEG of the face), held in memory only while it is new: once the store
 * has it, it is read from the store by the visitor's id whenever it is needed, so that a large
 * store does not keep every visitor's pictures in the heap.
 *
 * <p>A picture is a handle: every snapshot of a visitor that shares it sees it move into the store
 * (the store {@linkplain #storedAt places} it after the commit that wrote it and drops the bytes).
 * Its content never changes; a new picture is a new handle. Thread-safe.
 */
public final class Picture implements Supplier<byte[]> {
    private static final byte[] NONE = new byte[0];

    /** Where a store keeps a visitor's pictures. */
    public enum Slot {
        /** The best view from before the current visit. */
        THUMBNAIL,
        /** The best view of the current visit. */
        VISIT
    }

    /** Reads a stored picture (the store). */
    public interface Source {
        /** The bytes at the picture's place, read now; null if the visitor or picture is gone. */
        byte[] read(Picture picture);
    }

    /** A picture's place in a store. */
    public record Place(Source source, long visitorId, Slot slot) {
        public Place {
            Objects.requireNonNull(source);
            Objects.requireNonNull(slot);
        }
    }

    private volatile Place place;
    private volatile byte[] jpeg;

    private Picture(byte[] jpeg, Place place) {
        this.jpeg = jpeg;
        this.place = place;
    }

    /** A picture held in memory (new, or read whole). */
    public static Picture of(byte[] jpeg) {
        return new Picture(Objects.requireNonNull(jpeg, "picture"), null);
    }

    /** A picture that is in a store, read from it when needed. */
    public static Picture stored(Source source, long visitorId, Slot slot) {
        return new Picture(null, new Place(source, visitorId, slot));
    }

    /** The JPEG: from memory, else read from the store now (empty if it is no longer there). */
    public byte[] jpeg() {
        byte[] b = jpeg;
        if (b != null) {
            return b;
        }
        Place p = place;
        if (p == null) {
            return NONE;
        }
        byte[] read = p.source().read(this);
        return read != null ? read : NONE;
    }

    /** As {@link #jpeg()}. */
    @Override
    public byte[] get() {
        return jpeg();
    }

    /** Whether the bytes are in memory (not yet stored, or read whole). */
    public boolean inMemory() {
        return jpeg != null;
    }

    /** Where it is stored, or null while it is only in memory. */
    public Place place() {
        return place;
    }

    /** The store has committed this picture at {@code where}: from now on it is read from there. */
    public void storedAt(Place where) {
        place = Objects.requireNonNull(where);  // before the bytes go: a reader who finds no bytes finds the place
        jpeg = null;
    }

    /** Its place in the store is about to change: from now on the picture is these bytes, in memory. */
    public void keep(byte[] bytes) {
        jpeg = Objects.requireNonNull(bytes);  // before the place goes: a reader finds one or the other
        place = null;
    }

    /**
     * The same picture without reading anything: the same handle, the same place in a store, or
     * both in memory with equal bytes. False may still be the same content.
     */
    public static boolean sameRef(Picture a, Picture b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        byte[] x = a.jpeg;
        byte[] y = b.jpeg;
        if (x != null && y != null) {
            return Arrays.equals(x, y);
        }
        Place p = a.place;
        return x == null && y == null && p != null && p.equals(b.place);
    }

    /** The same content (reading stored pictures if need be). */
    static boolean sameContent(Picture a, Picture b) {
        if (sameRef(a, b)) {
            return true;
        }
        return a != null && b != null && Arrays.equals(a.jpeg(), b.jpeg());
    }
}
