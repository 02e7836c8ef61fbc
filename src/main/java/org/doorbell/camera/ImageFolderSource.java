package org.doorbell.camera;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.doorbell.image.ImageFiles;
import org.doorbell.image.ImageReadException;
import org.opencv.core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder of stills (.jpg, .jpeg, .png, sorted by name) shown one after another at a fixed rate,
 * starting over after the last one; an unreadable still is skipped with one warning.
 */
final class ImageFolderSource implements FrameSource {
    private static final Logger LOG = LoggerFactory.getLogger(ImageFolderSource.class);
    private static final long MAX_WAIT_NS = 500_000_000L;

    private final Path folder;
    private final long periodNs;
    private final boolean stopAtLast;
    private final Set<Path> warned = new HashSet<>();
    private List<Path> stills = List.of();
    private int index;
    private int readableInPass;
    private long dueNs;

    /**
     * @param folder     the stills
     * @param fps        stills per second (at least 1)
     * @param stopAtLast end after the last still instead of starting over
     */
    ImageFolderSource(Path folder, int fps, boolean stopAtLast) {
        this.folder = folder;
        this.periodNs = 1_000_000_000L / Math.max(1, fps);
        this.stopAtLast = stopAtLast;
    }

    @Override
    public void open() throws SourceFailure {
        if (!Files.isDirectory(folder)) {
            throw new SourceFailure("no folder " + folder.toAbsolutePath());
        }
        try (Stream<Path> files = Files.list(folder)) {
            stills = files.filter(ImageFolderSource::isStill).sorted().toList();
        } catch (IOException e) {
            throw new SourceFailure("cannot list " + folder.toAbsolutePath() + ": " + e.getMessage());
        }
        if (stills.isEmpty()) {
            throw new SourceFailure("no .jpg or .png file in " + folder.toAbsolutePath());
        }
        index = 0;
        readableInPass = 0;
        dueNs = System.nanoTime();
    }

    private static boolean isStill(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && (name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".png"));
    }

    @Override
    public Poll next(Consumer<Mat> consumer) throws SourceFailure {
        long waitNs = dueNs - System.nanoTime();
        if (waitNs > MAX_WAIT_NS) {
            sleepNs(MAX_WAIT_NS);
            return Poll.NONE;
        }
        sleepNs(waitNs);
        for (int tried = 0; tried <= stills.size(); tried++) {
            if (index == stills.size()) {
                if (stopAtLast) {
                    return Poll.END;
                }
                if (readableInPass == 0) {
                    throw new SourceFailure("no readable still in " + folder.toAbsolutePath());
                }
                index = 0;
                readableInPass = 0;
            }
            Path still = stills.get(index++);
            Mat image = read(still);
            if (image != null) {
                readableInPass++;
                dueNs = Math.max(dueNs + periodNs, System.nanoTime());
                try {
                    consumer.accept(image);
                } finally {
                    image.release();
                }
                return Poll.FRAME;
            }
        }
        return Poll.NONE;
    }

    private Mat read(Path still) {
        try {
            return ImageFiles.readBgr(still);
        } catch (ImageReadException e) {
            if (warned.add(still)) {
                LOG.warn("Skipping still: {}", e.getMessage());
            }
            return null;
        }
    }

    private static void sleepNs(long ns) {
        if (ns > 0) {
            try {
                Thread.sleep(ns / 1_000_000L, (int) (ns % 1_000_000L));
            } catch (InterruptedException e) {
                // Only close() stops the camera thread.
            }
        }
    }

    @Override
    public boolean finite() {
        return true;
    }

    @Override
    public void close() {
        stills = List.of();
    }
}
