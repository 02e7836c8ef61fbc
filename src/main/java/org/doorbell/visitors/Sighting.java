package org.doorbell.visitors;

/**
 * What the registry made of one face: who it was, whether that visitor was registered by this
 * sighting, and how far the face was from the visitor's encoding.
 *
 * @param visitor  the visitor as updated by this sighting
 * @param isNew    true if this sighting registered the visitor
 * @param distance face distance to the matched visitor; {@code NaN} when the sighting did not come
 *                 from matching (a new visitor, or {@link VisitorRegistry#seen(long)})
 */
public record Sighting(Visitor visitor, boolean isNew, double distance) {
}
