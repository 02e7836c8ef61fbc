package org.doorbell.identity;

import org.doorbell.face.FaceBox;
import org.doorbell.visitors.Visitor;

/**
 * What the identity made of one face in one frame.
 *
 * @param box     where, in frame pixels
 * @param state   known, new, or not sure yet
 * @param visitor the visitor as updated by this sighting; null while not sure
 * @param trackId the tracked face this face belongs to (1, 2, 3, ... per identity)
 */
public record FaceDecision(FaceBox box, State state, Visitor visitor, long trackId) {

    public enum State {
        /** A known visitor, seen again. */
        KNOWN,
        /** This face registered a new visitor, in this frame. */
        NEW,
        /** Not decided yet: the track has too little evidence to name or register anyone. */
        UNSURE
    }

    /** The visitor's id, or 0 while not sure. */
    public long visitorId() {
        return visitor == null ? 0 : visitor.id();
    }
}
