package org.doorbell.display;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What the screen shows of one visitor, in the strip, the list and the visitor's card.
 *
 * @param id            visitor id
 * @param name          the name the owner gave, or null
 * @param picture       the 150x150 JPEG face, fetched when the screen first draws it (the same
 *                      object for as long as the visitor's picture is the same: the screen keeps
 *                      the decoded face for it)
 * @param firstSeen     first time ever seen
 * @param lastSeen      last time seen
 * @param visits        number of visits ("First visit" when 1, else "N visits")
 * @param atDoor        how long the visitor has been at the door in the current visit (zero if gone)
 */
public record VisitorCard(long id, String name, Supplier<byte[]> picture, Instant firstSeen, Instant lastSeen,
                          int visits, Duration atDoor) {

    public VisitorCard {
        Objects.requireNonNull(picture, "picture");
    }

    /** A card with its face in memory. */
    public VisitorCard(long id, String name, byte[] thumbnailJpeg, Instant firstSeen, Instant lastSeen, int visits,
                       Duration atDoor) {
        this(id, name, new InMemory(thumbnailJpeg), firstSeen, lastSeen, visits, atDoor);
    }

    /** The face's JPEG (fetched now if it is not in memory). */
    public byte[] thumbnailJpeg() {
        return picture.get();
    }

    /** A face held in memory. */
    private record InMemory(byte[] jpeg) implements Supplier<byte[]> {
        @Override
        public byte[] get() {
            return jpeg;
        }
    }

    /** The owner's name for the visitor, else "Visitor #id". */
    public String title() {
        return name != null && !name.isBlank() ? name : "Visitor #" + id;
    }

    /** "First visit" or "N visits", as the reference shows. */
    public String visitsLabel() {
        return visits <= 1 ? "First visit" : visits + " visits";
    }
}
