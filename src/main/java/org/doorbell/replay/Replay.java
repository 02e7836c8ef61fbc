package org.doorbell.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.doorbell.face.FaceBox;
import org.doorbell.face.FaceEngine;
import org.doorbell.identity.TrackOutcome;
import org.doorbell.image.ImageFiles;
import org.doorbell.image.ImageReadException;
import org.doorbell.recognition.FramePipeline;
import org.doorbell.recognition.Recognition;
import org.doorbell.recognition.RecognitionSettings;
import org.doorbell.recognition.RecognizedFace;
import org.doorbell.visitors.VisitorRegistry;
import org.doorbell.visitors.VisitorSettings;
import org.doorbell.visitors.VisitorStore;
import org.opencv.core.Mat;

/**
 * The appliance's recognition on still images with capture times instead of a camera: each image
 * goes through the same {@link FramePipeline} as {@code run}'s frames (detection scale, quality
 * gate, tracking, identity, visits, thumbnails, store commits). Results come out in input order,
 * each once every face in it has its final visitor.
 */
public final class Replay {

    /** One line of the list: an image captured at an instant. */
    public record Entry(int line, Instant time, Path file) {
    }

    /**
     * One face of a replayed image.
     *
     * @param visitorId the visitor the face was finally attributed to; 0 for none (too small or blurred)
     * @param isNew     true if the face's track registered that visitor
     * @param label     what the screen showed on that frame
     */
    public record FaceResult(FaceBox box, long visitorId, boolean isNew, String label) {
    }

    /** An image's size and faces, or the reason it could not be read (size 0). */
    public record Result(Entry entry, int width, int height, List<FaceResult> faces, String error) {
    }

    private final FaceEngine engine;
    private final VisitorStore store;
    private final VisitorSettings visitorSettings;
    private final RecognitionSettings settings;
    private VisitorRegistry visitors;

    public Replay(FaceEngine engine, VisitorStore store, VisitorSettings visitorSettings, RecognitionSettings settings) {
        this.engine = engine;
        this.store = store;
        this.visitorSettings = visitorSettings;
        this.settings = settings;
    }

    /**
     * Reads a list: lines {@code <ISO-8601 instant> <image path>}, blank lines and {@code #}
     * comments (whole-line or trailing) ignored, relative paths against the list's folder.
     *
     * @throws IllegalArgumentException naming the line, for a line that is not of that form or is
     *                                  earlier than the line before it
     */
    public static List<Entry> parse(Path list) throws IOException {
        List<String> lines = Files.readAllLines(list, StandardCharsets.UTF_8);
        Path base = list.toAbsolutePath().getParent();
        List<Entry> out = new ArrayList<>();
        Instant previous = null;
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i);
            int hash = text.indexOf('#');
            if (hash >= 0) {
                text = text.substring(0, hash);
            }
            text = text.strip();
            if (text.isEmpty()) {
                continue;
            }
            String where = list + ":" + (i + 1) + ": ";
            String[] parts = text.split("\\s+", 2);
            if (parts.length < 2) {
                throw new IllegalArgumentException(where + "expected \"<ISO-8601 time> <image path>\", got \"" + text + "\"");
            }
            Instant time = instant(parts[0], where);
            if (previous != null && time.isBefore(previous)) {
                throw new IllegalArgumentException(where + "time " + parts[0] + " is earlier than the line before ("
                        + previous + "); lines must be in time order");
            }
            previous = time;
            out.add(new Entry(i + 1, time, base == null ? Path.of(parts[1]) : base.resolve(parts[1])));
        }
        return out;
    }

    private static Instant instant(String text, String where) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException(where + "\"" + text
                        + "\" is not an ISO-8601 time (e.g. 2026-11-27T10:15:30Z)");
            }
        }
    }

    /** The visitors after {@link #run}. */
    public VisitorRegistry visitors() {
        return visitors;
    }

    /**
     * Replays the entries, then ends every track and commits the store.
     *
     * @return how many images could not be read
     */
    public int run(List<Entry> entries, Consumer<Result> out) throws IOException {
        Map<Long, TrackOutcome> outcomes = new HashMap<>();
        Instant start = entries.isEmpty() ? Instant.now() : entries.get(0).time();
        FramePipeline pipeline = new FramePipeline(engine, store, visitorSettings, settings, start,
                o -> outcomes.put(o.trackId(), o));
        visitors = pipeline.visitors();
        ArrayDeque<Pending> pending = new ArrayDeque<>();
        int failed = 0;
        try {
            for (Entry e : entries) {
                Mat image;
                try {
                    image = ImageFiles.readBgr(e.file());
                } catch (ImageReadException ex) {
                    failed++;
                    pending.add(new Pending(e, 0, 0, null, ex.getMessage()));
                    flush(pending, outcomes, out, false);
                    continue;
                }
                try {
                    pending.add(new Pending(e, image.cols(), image.rows(), pipeline.process(image, e.line(), e.time()),
                            null));
                } finally {
                    image.release();
                }
                flush(pending, outcomes, out, false);
            }
            pipeline.finish();
            flush(pending, outcomes, out, true);
        } finally {
            pipeline.release();
        }
        return failed;
    }

    private record Pending(Entry entry, int width, int height, Recognition recognition, String error) {
    }

    private static void flush(ArrayDeque<Pending> queue, Map<Long, TrackOutcome> outcomes, Consumer<Result> out,
                              boolean all) {
        while (!queue.isEmpty()) {
            Pending head = queue.peek();
            Result r = resolve(head, outcomes, all);
            if (r == null) {
                return;
            }
            queue.poll();
            out.accept(r);
        }
    }

    private static Result resolve(Pending p, Map<Long, TrackOutcome> outcomes, boolean all) {
        if (p.error() != null) {
            return new Result(p.entry(), 0, 0, List.of(), p.error());
        }
        List<FaceResult> faces = new ArrayList<>(p.recognition().faces().size());
        for (RecognizedFace f : p.recognition().faces()) {
            if (f.trackId() == 0) {
                faces.add(new FaceResult(f.box(), 0, false, f.label()));
                continue;
            }
            TrackOutcome o = outcomes.get(f.trackId());
            if (o == null && !all) {
                return null;
            }
            faces.add(new FaceResult(f.box(), o == null ? 0 : o.visitorId(), o != null && o.registered(), f.label()));
        }
        return new Result(p.entry(), p.width(), p.height(), faces, null);
    }
}
