package org.doorbell.camera;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import com.sun.jna.ptr.PointerByReference;
import org.freedesktop.gstreamer.Bus;
import org.freedesktop.gstreamer.BusSyncReply;
import org.freedesktop.gstreamer.Buffer;
import org.freedesktop.gstreamer.Caps;
import org.freedesktop.gstreamer.Element;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.GstException;
import org.freedesktop.gstreamer.GstObject;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.Sample;
import org.freedesktop.gstreamer.StateChangeReturn;
import org.freedesktop.gstreamer.Structure;
import org.freedesktop.gstreamer.elements.AppSink;
import org.freedesktop.gstreamer.glib.GError;
import org.freedesktop.gstreamer.lowlevel.GlibAPI;
import org.freedesktop.gstreamer.lowlevel.GstAPI.GErrorStruct;
import org.freedesktop.gstreamer.lowlevel.GstMessageAPI;
import org.freedesktop.gstreamer.message.ErrorMessage;
import org.freedesktop.gstreamer.message.Message;
import org.freedesktop.gstreamer.message.MessageType;
import org.doorbell.image.OpenCv;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * One GStreamer pipeline ending in an appsink named "sink": parses and plays it, pulls BGR samples
 * with a timeout and hands each to the consumer as a {@link Mat} over the mapped buffer.
 * <p>
 * Bus messages arrive on GStreamer's threads and only set fields here; everything else runs on
 * the camera thread, which alone builds, stops and disposes the pipeline.
 */
final class GstFrameSource implements FrameSource {
    private static final long PULL_TIMEOUT_NS = 500_000_000L;

    private final String description;
    private final boolean finite;
    private Pipeline pipeline;
    private AppSink sink;
    private Bus bus;
    private volatile String error;
    private volatile boolean endOfStream;

    /**
     * @param description gst-launch text with an appsink named "sink" delivering video/x-raw,format=BGR
     * @param finite      whether end of stream means the input is exhausted (a file)
     */
    GstFrameSource(String description, boolean finite) {
        this.description = description;
        this.finite = finite;
    }

    @Override
    public void open() throws SourceFailure {
        OpenCv.load();
        Gstreamer.init();
        List<GError> errors = new ArrayList<>();
        Element parsed;
        try {
            parsed = Gst.parseLaunch(description, errors);
        } catch (GstException e) {
            throw new SourceFailure("cannot build the pipeline: " + e.getMessage());
        }
        if (!(parsed instanceof Pipeline p)) {
            parsed.dispose();
            throw new SourceFailure("cannot build the pipeline: " + (errors.isEmpty()
                    ? "it is a single element, not a pipeline" : errors.get(0).getMessage()));
        }
        pipeline = p;
        if (!errors.isEmpty()) {
            throw new SourceFailure("cannot build the pipeline: " + errors.get(0).getMessage());
        }
        Element named = pipeline.getElementByName("sink");
        if (!(named instanceof AppSink appSink)) {
            if (named != null) {
                named.dispose();
            }
            throw new SourceFailure("the pipeline has no appsink named \"sink\"");
        }
        sink = appSink;
        bus = pipeline.getBus();
        bus.setSyncHandler(this::busMessage);
        if (pipeline.play() == StateChangeReturn.FAILURE) {
            throw new SourceFailure(error != null ? error : "the pipeline does not start");
        }
    }

    /** Runs on the thread that posts the message: only notes errors and the end of the stream. */
    private BusSyncReply busMessage(Message message) {
        try {
            if (message instanceof ErrorMessage e && error == null) {
                error = describe(e);
            } else if (message.getType() == MessageType.EOS) {
                endOfStream = true;
            }
        } finally {
            message.dispose();
        }
        return BusSyncReply.DROP;
    }

    /** "element: message (last line of the debug text)"; the debug text often names the file or device. */
    private static String describe(ErrorMessage e) {
        PointerByReference gerror = new PointerByReference();
        PointerByReference debug = new PointerByReference();
        GstMessageAPI.GSTMESSAGE_API.gst_message_parse_error(e, gerror, debug);
        String message = "error";
        if (gerror.getValue() != null) {
            GErrorStruct struct = new GErrorStruct(gerror.getValue());
            struct.read();
            message = struct.getMessage();
            GlibAPI.GLIB_API.g_error_free(gerror.getValue());
        }
        String details = null;
        if (debug.getValue() != null) {
            details = debug.getValue().getString(0);
            GlibAPI.GLIB_API.g_free(debug.getValue());
        }
        GstObject origin = e.getSource();
        String text = (origin == null ? "" : origin.getName() + ": ") + message;
        if (details != null && !details.isBlank()) {
            String[] lines = details.strip().split("\n");
            String last = lines[lines.length - 1].strip();
            if (lines.length > 1 && !text.contains(last)) {
                text += " (" + last + ")";
            }
        }
        return text;
    }

    @Override
    public Poll next(Consumer<Mat> consumer) throws SourceFailure {
        String failed = error;
        if (failed != null) {
            throw new SourceFailure(failed);
        }
        Sample sample = sink.emit(Sample.class, "try-pull-sample", PULL_TIMEOUT_NS);
        if (sample == null) {
            if (error != null) {
                throw new SourceFailure(error);
            }
            return endOfStream || sink.isEOS() ? Poll.END : Poll.NONE;
        }
        try {
            deliver(sample, consumer);
            return Poll.FRAME;
        } finally {
            sample.dispose();
        }
    }

    private static void deliver(Sample sample, Consumer<Mat> consumer) throws SourceFailure {
        Caps caps = sample.getCaps();
        int width;
        int height;
        try {
            Structure video = caps.getStructure(0);
            String format = video.getString("format");
            if (!"BGR".equals(format)) {
                throw new SourceFailure("the appsink receives " + format + " frames, not BGR");
            }
            width = video.getInteger("width");
            height = video.getInteger("height");
        } finally {
            caps.dispose();
        }
        // GStreamer pads each row of packed video to a multiple of 4 bytes.
        long step = ((long) width * 3 + 3) & ~3L;
        Buffer buffer = sample.getBuffer();
        try {
            ByteBuffer pixels = buffer.map(false);
            if (pixels == null) {
                throw new SourceFailure("cannot map a frame buffer");
            }
            try {
                if (pixels.capacity() < step * (height - 1) + (long) width * 3) {
                    throw new SourceFailure("a " + width + "x" + height + " frame has only " + pixels.capacity()
                            + " bytes");
                }
                Mat frame = new Mat(height, width, CvType.CV_8UC3, pixels, step);
                try {
                    consumer.accept(frame);
                } finally {
                    frame.release();
                }
            } finally {
                buffer.unmap();
            }
        } finally {
            buffer.dispose();
        }
    }

    @Override
    public boolean finite() {
        return finite;
    }

    @Override
    public void close() {
        if (pipeline != null) {
            pipeline.stop();
        }
        if (bus != null) {
            bus.clearSyncHandler();
            bus.dispose();
            bus = null;
        }
        if (sink != null) {
            sink.dispose();
            sink = null;
        }
        if (pipeline != null) {
            pipeline.dispose();
            pipeline = null;
        }
    }
}
