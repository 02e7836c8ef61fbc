package org.doorbell.display;

import java.util.List;
import org.opencv.core.Mat;

/**
 * Everything the screen shows at one moment.
 *
 * @param video   the newest camera frame, BGR 8UC3; only valid during {@link Display#show}: copy it
 * @param faces   boxes and labels, in {@code video}'s pixels
 * @param recent  the recent-visitors strip, most recent first
 * @param status  a banner such as "Camera unavailable - retrying", or null
 */
public record DisplayFrame(Mat video, List<FaceOverlay> faces, List<VisitorCard> recent, String status) {
}
