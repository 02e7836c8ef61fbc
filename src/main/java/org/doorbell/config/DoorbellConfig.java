package org.doorbell.config;

import java.nio.file.Path;
import org.doorbell.camera.CameraSettings;
import org.doorbell.display.DisplaySettings;
import org.doorbell.events.MqttSettings;
import org.doorbell.face.FaceSettings;
import org.doorbell.recognition.RecognitionSettings;
import org.doorbell.visitors.VisitorSettings;

/** Everything config/doorbell.json sets, validated. */
public record DoorbellConfig(FaceSettings faces, CameraSettings camera, RecognitionSettings recognition,
                             VisitorSettings visitors, Path store, DisplaySettings display, MqttSettings mqtt) {
}
