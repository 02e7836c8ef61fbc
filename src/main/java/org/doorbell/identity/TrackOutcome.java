package org.doorbell.identity;

/**
 * The visitor a tracked face was finally attributed to, told once per track as soon as it is
 * decided (which may be after some of its frames were shown as not sure yet).
 *
 * @param trackId   the track
 * @param visitorId  its visitor, for every frame of the track
 * @param registered true if the track registered that visitor (a new visitor), false if it was known
 */
public record TrackOutcome(long trackId, long visitorId, boolean registered) {
}
