package org.doorbell.display;

import java.time.Duration;
import java.time.Instant;

/**
 * What the screen shows of one visitor, in the strip, the list and the visitor's card.
 *
 * @param id            visitor id
 * @param name          the name the owner gave, or null
 * @param thumbnailJpeg 150x150 JPEG face
 * @param firstSeen     first time ever seen
 * @param lastSeen      last time seen
 * @param visits        number of visits ("First visit" when 1, else "N visits")
 * @param atDoor        how long the visitor has been at the door in the current visit (zero if gone)
 */
public record VisitorCard(long id, String name, byte[] thumbnailJpeg, Instant firstSeen, Instant lastSeen, int visits,
                          Duration atDoor) {

    /** The owner's name for the visitor, else "Visitor #id". */
    public String title() {
        return name != null && !name.isBlank() ? name : "Visitor #" + id;
    }

    /** "First visit" or "N visits", as the reference shows. */
    public String visitsLabel() {
        return visits <= 1 ? "First visit" : visits + " visits";
    }
}
