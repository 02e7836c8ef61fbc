package org.doorbell.appliance;

import java.time.Instant;
import org.doorbell.camera.CameraState;
import org.doorbell.identity.TrackOutcome;
import org.doorbell.recognition.Recognition;
import org.opencv.core.Mat;

/**
 * What the running appliance tells the outside world about itself beyond visits (those come from
 * {@link org.doorbell.visitors.VisitListener}): camera states, a periodic tick to notice the
 * visits that ended, and its stop. Every call must return at once: they come from the camera's
 * thread and the appliance's main loop. {@link #NONE} does nothing.
 */
public interface ApplianceEvents {
    ApplianceEvents NONE = new ApplianceEvents() {
    };

    /** The camera's state changed (camera thread). */
    default void cameraState(CameraState state) {
    }

    /** Called about every 100 ms with the run's time (the time frames are captured at). */
    default void tick(Instant now) {
    }

    /**
     * A tracked face's visitor was decided, with the face distance that decided it (recogniser
     * thread, during the frame's recognition, after the registry's visit events).
     */
    default void outcome(TrackOutcome outcome) {
    }

    /**
     * A frame's recognition was applied (recogniser thread, in capture order, after its visit
     * events and outcomes): its faces, and the frame itself when it had faces (null otherwise),
     * valid only during the call: copy it to keep it.
     */
    default void decided(Recognition recognition, Mat frame) {
    }

    /** The appliance is stopping; recognition has finished. */
    default void stopping(Instant now) {
    }

    /** A part for the stats line logged every minute, e.g. "MQTT connected, sent 3, waiting 0, dropped 0"; "" for none. */
    default String statsLine() {
        return "";
    }
}
