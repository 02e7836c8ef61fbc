package org.doorbell.camera;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Turns {@link CameraSettings#source()} into gst-launch text ending in an appsink named "sink". */
final class PipelineFactory {
    static final String CSI_ELEMENT = "nvarguscamerasrc";
    static final String CHOOSE_SOURCE = "Choose one with --source, e.g. --source file:video.mp4";
    static final String NO_CAMERA = "No camera found (no CSI camera, no /dev/video*). " + CHOOSE_SOURCE;

    private static final String TO_BGR = "videoconvert ! video/x-raw,format=BGR";
    /** Live sources: always the newest frame, never wait for the clock. */
    private static final String LIVE_SINK = "appsink name=sink max-buffers=1 drop=true sync=false";
    /** Files: every frame, at the file's own rate. */
    private static final String FILE_SINK = "appsink name=sink max-buffers=2 drop=false sync=true";
    /** Pipelines given as text: every frame, as fast as they come. */
    private static final String PIPELINE_SINK = "appsink name=sink max-buffers=2 drop=false sync=false";
    private static final Pattern NAMED_SINK = Pattern.compile("(^|[\\s!])name\\s*=\\s*([\"']?)sink\\2(?=$|[\\s!])");
    private static final Pattern VIDEO_DEVICE = Pattern.compile("video(\\d+)");

    private final Predicate<String> hasElement;
    private final Supplier<List<Path>> videoDevices;

    PipelineFactory(Predicate<String> hasElement, Supplier<List<Path>> videoDevices) {
        this.hasElement = hasElement;
        this.videoDevices = videoDevices;
    }

    /** Looks at the installed GStreamer elements and the /dev/video* devices of this machine. */
    static PipelineFactory system() {
        return new PipelineFactory(Gstreamer::hasElement, () -> videoDevices(Path.of("/dev")));
    }

    /**
     * The source kind's pipeline; throws {@link CameraException} for a bad source. "auto" has none
     * of its own: {@link CameraProbe} first turns it into "csi" or "usb:/dev/videoN".
     */
    String describe(CameraSettings s) {
        String source = s.source() == null ? "" : s.source().trim();
        if (source.equals("auto")) {
            throw new IllegalArgumentException("\"auto\" is resolved by CameraProbe before its pipeline is made");
        }
        if (source.equals("csi")) {
            return csi(s);
        }
        if (source.equals("usb")) {
            return usb(s, videoDevices.get().stream().findFirst().orElse(Path.of("/dev/video0")).toString());
        }
        if (source.startsWith("usb:")) {
            return usb(s, source.substring("usb:".length()));
        }
        if (source.startsWith("file:")) {
            String path = source.substring("file:".length());
            return "filesrc location=" + quote(Path.of(path).toAbsolutePath().toString())
                    + " ! decodebin ! " + TO_BGR + " ! " + FILE_SINK;
        }
        if (source.startsWith("rtsp://") || source.startsWith("rtsps://")) {
            return "rtspsrc location=" + quote(source) + " latency=200 ! decodebin ! " + TO_BGR + " ! " + LIVE_SINK;
        }
        if (source.startsWith("pipeline:")) {
            String text = source.substring("pipeline:".length()).trim();
            return NAMED_SINK.matcher(text).find() ? text : text + " ! " + TO_BGR + " ! " + PIPELINE_SINK;
        }
        throw new CameraException("Unknown camera source '" + source + "'. Use --source with auto, csi, usb, "
                + "usb:/dev/videoN, file:PATH, images:DIR, rtsp://... or pipeline:GST-LAUNCH-TEXT");
    }

    /**
     * What "auto" tries, in order: the CSI camera if nvarguscamerasrc is installed, then every
     * /dev/video* in number order, each with the pipeline it would play.
     */
    List<CameraProbe.Candidate> autoCandidates(CameraSettings s) {
        List<CameraProbe.Candidate> candidates = new java.util.ArrayList<>();
        if (hasElement.test(CSI_ELEMENT)) {
            candidates.add(new CameraProbe.Candidate("csi", csi(s)));
        }
        for (Path device : videoDevices.get()) {
            candidates.add(new CameraProbe.Candidate("usb:" + device, usb(s, device.toString())));
        }
        return candidates;
    }

    private static String csi(CameraSettings s) {
        String mode = s.csiSensorMode() >= 0 ? " sensor-mode=" + s.csiSensorMode() : "";
        return "nvarguscamerasrc" + mode
                + " ! video/x-raw(memory:NVMM),width=" + s.width() + ",height=" + s.height()
                + ",format=NV12,framerate=" + s.fps() + "/1"
                + " ! nvvidconv flip-method=" + s.csiFlipMethod()
                + " ! video/x-raw,format=BGRx ! " + TO_BGR + " ! " + LIVE_SINK;
    }

    private static String usb(CameraSettings s, String device) {
        String size = s.width() > 0 && s.height() > 0 ? ",width=" + s.width() + ",height=" + s.height() : "";
        return "v4l2src device=" + quote(device) + " ! videoconvert ! videoscale ! video/x-raw,format=BGR" + size
                + " ! " + LIVE_SINK;
    }

    /** A gst-launch property value in double quotes, so paths with spaces and '!' stay one value. */
    static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    /** /dev/video0, /dev/video1, ... /dev/video10 in number order. */
    static List<Path> videoDevices(Path dev) {
        try (Stream<Path> files = Files.list(dev)) {
            return files.filter(p -> VIDEO_DEVICE.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparingInt(PipelineFactory::deviceNumber))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static int deviceNumber(Path device) {
        Matcher m = VIDEO_DEVICE.matcher(device.getFileName().toString());
        return m.matches() && m.group(1).length() < 9 ? Integer.parseInt(m.group(1)) : Integer.MAX_VALUE;
    }
}
