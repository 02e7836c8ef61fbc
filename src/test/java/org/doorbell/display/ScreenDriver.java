package org.doorbell.display;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.doorbell.face.FaceBox;
import org.doorbell.image.ImageFiles;
import org.doorbell.image.OpenCv;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * A full-screen {@link SwingDisplay} showing a real group photo as the camera, run in its own JVM
 * by {@link SwingDisplayScreenTest} so that it can be given an X display of its own. Feeds the
 * photo at 10 frames a second with the three most recent visitors in the strip; the owner's
 * corrections are {@link InMemoryVisitorActions}, which also serve as the directory. Answers the
 * commands of {@link ScreenProtocol}, and these, one line each:
 * <ul>
 *   <li>{@code calls} → {@code calls CALL;CALL;...}: the corrections asked for so far</li>
 *   <li>{@code visitor ID} → {@code visitor ID VISITS NAME|-}, or {@code visitor ID none}</li>
 *   <li>{@code hold}, {@code release} → {@code hold ok}, {@code release ok}: keep the corrections
 *       waiting, or let them go</li>
 * </ul>
 * It prints {@code ready} once the window is up.
 */
public final class ScreenDriver {
    /** bbt1.jpg (1366x768): Raj, Leonard, Howard and Sheldon, left to right. */
    static final String PHOTO = "groups/bbt1.jpg";
    static final List<FaceBox> FACES = List.of(
            new FaceBox(118, 326, 262, 196), new FaceBox(118, 592, 262, 456),
            new FaceBox(128, 874, 262, 736), new FaceBox(78, 1112, 212, 996));
    /** Leonard, known and at the door; Sheldon, new. */
    static final List<FaceOverlay> OVERLAYS = List.of(
            new FaceOverlay(FACES.get(1), "At door 12s", FaceOverlay.Kind.KNOWN_VISITOR),
            new FaceOverlay(FACES.get(3), "New visitor!", FaceOverlay.Kind.NEW_VISITOR));
    static final Instant NOW = Instant.parse("2026-11-25T19:20:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneId.of("Europe/London"));
    /** Visitors in the directory, ids 1..VISITORS, id 1 most recently seen. */
    static final int VISITORS = 12;
    /** The strip shows the three most recent. */
    static final int STRIP = 3;

    private ScreenDriver() {
    }

    public static void main(String[] args) throws Exception {
        OpenCv.load();
        Mat photo = ImageFiles.readBgr(Path.of(System.getProperty("doorbell.faces"), PHOTO));
        InMemoryVisitorActions actions = new InMemoryVisitorActions(visitors(photo));
        SwingDisplay display = SwingDisplay.open(1024, 600, true, actions, actions, CLOCK);
        Thread camera = ScreenProtocol.startCamera(display, photo, OVERLAYS, () -> {
            List<VisitorCard> now = actions.get();
            return now.subList(0, Math.min(STRIP, now.size()));
        });
        ScreenProtocol.serve(display, camera, (command, arg) -> switch (command) {
            case "calls" -> "calls " + String.join(";", actions.calls());
            case "visitor" -> {
                VisitorCard v = actions.card(Long.parseLong(arg));
                yield "visitor " + arg + (v == null ? " none"
                        : " " + v.visits() + " " + (v.name() == null ? "-" : v.name()));
            }
            case "hold" -> {
                actions.hold();
                yield "hold ok";
            }
            case "release" -> {
                actions.release();
                yield "release ok";
            }
            default -> null;
        });
    }

    /** Visitor i (1-based) has the face of photo face (i - 1) % 4 and i visits. */
    static List<VisitorCard> visitors(Mat photo) {
        List<VisitorCard> cards = new ArrayList<>();
        for (int id = 1; id <= VISITORS; id++) {
            Instant last = NOW.minus(Duration.ofMinutes(37L * (id - 1)));
            Duration atDoor = id == 2 ? Duration.ofSeconds(12) : Duration.ZERO;
            cards.add(new VisitorCard(id, null, thumbnail(photo, FACES.get((id - 1) % FACES.size())),
                    last.minus(Duration.ofDays(3L * id)), last, id, atDoor));
        }
        return cards;
    }

    /** The face, squared with some margin and scaled to 150x150, as JPEG. */
    static byte[] thumbnail(Mat photo, FaceBox box) {
        int side = (int) (Math.max(box.width(), box.height()) * 1.3);
        int cx = (box.left() + box.right()) / 2;
        int cy = (box.top() + box.bottom()) / 2;
        int x = Math.max(0, Math.min(photo.cols() - side, cx - side / 2));
        int y = Math.max(0, Math.min(photo.rows() - side, cy - side / 2));
        Mat face = new Mat();
        Imgproc.resize(photo.submat(new Rect(x, y, side, side)), face, new Size(150, 150));
        MatOfByte jpeg = new MatOfByte();
        Imgcodecs.imencode(".jpg", face, jpeg);
        return jpeg.toArray();
    }
}
