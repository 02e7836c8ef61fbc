package org.doorbell.identity;

import java.time.Instant;
import java.util.List;

/**
 * Decides who the faces of each analysed frame are, registering new visitors and recording
 * sightings and visits in the visitor registry. Frames come in capture order; one thread only.
 */
public interface Identity {

    /**
     * @param capturedAt when the frame was captured (not before the previous frame's)
     * @param faces      the frame's good faces
     * @return one decision per face, in the same order; no two faces of a frame get the same visitor
     */
    List<FaceDecision> observe(Instant capturedAt, List<Observation> faces);

    /**
     * Ends every track as if its face had left: undecided tracks are decided with what they have
     * (end of input, shutdown).
     */
    void endTracks();
}
