package org.doorbell.identity;

/**
 * The visitor a tracked face was finally attributed to, told once per track as soon as it is
 * decided (which may be after some of its frames were shown as not sure yet).
 *
 * @param trackId   the track
 * @param visitorId  its visitor, for every frame of the track
 * @param registered true if the track registered that visitor (a new visitor), false if it was known
 * @param distance   the face distance of the track's mean to the visitor it was named (known), or to
 *                   the nearest visitor (new); NaN when there was none to measure
 */
public record TrackOutcome(long trackId, long visitorId, boolean registered, double distance) {
    /** Without a distance. */
    public TrackOutcome(long trackId, long visitorId, boolean registered) {
        this(trackId, visitorId, registered, Double.NaN);
    }
}
