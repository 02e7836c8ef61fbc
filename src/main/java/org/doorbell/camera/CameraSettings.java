package org.doorbell.camera;

import java.time.Duration;

/**
 * Where frames come from and how to keep them coming.
 *
 * @param source       "auto", "csi", "usb", "usb:/dev/videoN", "file:PATH", "images:DIR", "rtsp://...",
 *                     or "pipeline:GST-LAUNCH-TEXT" (ending in an appsink named "sink", or the appsink is added)
 * @param width        requested frame width (CSI, USB)
 * @param height       requested frame height (CSI, USB)
 * @param fps          requested frame rate (CSI, USB; images: stills per second)
 * @param csiSensorMode nvarguscamerasrc sensor-mode (-1 = let the driver choose)
 * @param csiFlipMethod nvvidconv flip-method (0-7; 2 = rotate 180 degrees)
 * @param retryInitial first wait before reopening a failed source
 * @param retryMax     longest wait between attempts (the wait doubles up to this)
 * @param exitAtEnd    a file or images source that ends stops the camera instead of starting over
 */
public record CameraSettings(String source, int width, int height, int fps, int csiSensorMode, int csiFlipMethod,
                             Duration retryInitial, Duration retryMax, boolean exitAtEnd) {

    public static CameraSettings defaults(String source) {
        return new CameraSettings(source, 1280, 720, 30, -1, 0, Duration.ofMillis(500), Duration.ofSeconds(10), false);
    }

    public CameraSettings withSource(String s) {
        return new CameraSettings(s, width, height, fps, csiSensorMode, csiFlipMethod, retryInitial, retryMax, exitAtEnd);
    }

    public CameraSettings withExitAtEnd(boolean b) {
        return new CameraSettings(source, width, height, fps, csiSensorMode, csiFlipMethod, retryInitial, retryMax, b);
    }
}
