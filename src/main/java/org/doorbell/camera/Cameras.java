package org.doorbell.camera;

import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the {@link Camera} for a {@link CameraSettings#source()}: a GStreamer pipeline into an
 * appsink for every source but "images:DIR", which OpenCV reads from a folder. "auto" is decided
 * once, when the camera is opened ({@link CameraProbe}); its retries keep to the camera chosen.
 */
public final class Cameras {
    private static final Logger LOG = LoggerFactory.getLogger(Cameras.class);
    private static final String IMAGES = "images:";

    private Cameras() {
    }

    /**
     * A camera for these settings, not yet started. The source is checked here, so that "auto" on a
     * machine without a camera that answers, or an unknown source kind, fails now with one message
     * naming {@code --source}; once started, the camera only ever retries.
     *
     * @throws CameraException if there is no camera to open
     */
    public static Camera open(CameraSettings settings, FrameListener listener) {
        Objects.requireNonNull(listener, "listener");
        String source = settings.source() == null ? "" : settings.source().trim();
        if (source.startsWith(IMAGES)) {
            Path folder = Path.of(source.substring(IMAGES.length()));
            return new CameraController(source,
                    () -> new ImageFolderSource(folder, settings.fps(), settings.exitAtEnd()), listener, settings);
        }
        PipelineFactory pipelines = PipelineFactory.system();
        CameraSettings chosen = resolveAuto(settings, pipelines);
        String name = chosen == settings ? source : chosen.source();
        LOG.info("Camera {}: {}", name, pipelines.describe(chosen));
        boolean finite = name.startsWith("file:");
        return new CameraController(name, () -> new GstFrameSource(pipelines.describe(chosen), finite), listener,
                chosen);
    }

    /** The settings with "auto" replaced by the camera that answers, logged; other sources as they are. */
    private static CameraSettings resolveAuto(CameraSettings settings, PipelineFactory pipelines) {
        if (!"auto".equals(settings.source() == null ? "" : settings.source().trim())) {
            return settings;
        }
        CameraProbe.Choice choice = CameraProbe.gstreamer(CameraProbe.ANSWER_WITHIN)
                .choose(pipelines.autoCandidates(settings));
        LOG.info("Camera: {}", choice.describe());
        return settings.withSource(choice.source());
    }

    /**
     * The gst-launch text the camera would play for these settings ("auto" tries the cameras now,
     * as {@link #open} does).
     *
     * @throws CameraException for "auto" without a camera, an unknown source, or "images:DIR" (no pipeline)
     */
    public static String describe(CameraSettings settings) {
        if (settings.source() != null && settings.source().trim().startsWith(IMAGES)) {
            throw new CameraException("An images: source is read without GStreamer; it has no pipeline");
        }
        PipelineFactory pipelines = PipelineFactory.system();
        return pipelines.describe(resolveAuto(settings, pipelines));
    }
}
