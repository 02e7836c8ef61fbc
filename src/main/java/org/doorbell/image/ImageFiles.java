package org.doorbell.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Reads image files (JPEG, PNG, WebP, BMP, ... whatever OpenCV decodes, by content, not by
 * name) into BGR {@code Mat}s, refusing with one clear reason what it cannot read: a missing or
 * empty file, something that is not an image, a truncated JPEG, or an image too large to process.
 */
public final class ImageFiles {
    /** Larger images are refused before decoding: 40 megapixels is 120 MB of BGR pixels. */
    public static final long MAX_PIXELS = 40_000_000L;

    private ImageFiles() {
    }

    /** The image as an 8-bit BGR {@code Mat}; the caller releases it. */
    public static Mat readBgr(Path file) throws ImageReadException {
        OpenCv.load();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ImageReadException(file, "no such file");
        } catch (IOException e) {
            throw new ImageReadException(file, "cannot read file (" + e.getMessage() + ")");
        } catch (OutOfMemoryError e) {
            throw new ImageReadException(file, "file is too large to read");
        }
        if (bytes.length == 0) {
            throw new ImageReadException(file, "file is empty");
        }
        if (isJpeg(bytes) && !hasJpegEnd(bytes)) {
            throw new ImageReadException(file, "JPEG data is truncated (no end-of-image marker)");
        }
        long pixels = headerPixels(file);
        if (pixels > MAX_PIXELS) {
            throw new ImageReadException(file, "image has " + pixels / 1_000_000 + " megapixels; the limit is "
                    + MAX_PIXELS / 1_000_000);
        }
        MatOfByte encoded = new MatOfByte(bytes);
        try {
            Mat image = Imgcodecs.imdecode(encoded, Imgcodecs.IMREAD_COLOR);
            if (image.empty()) {
                image.release();
                throw new ImageReadException(file, "not an image, or an image format that cannot be decoded");
            }
            if ((long) image.rows() * image.cols() > MAX_PIXELS) {
                long mp = (long) image.rows() * image.cols() / 1_000_000;
                image.release();
                throw new ImageReadException(file, "image has " + mp + " megapixels; the limit is " + MAX_PIXELS / 1_000_000);
            }
            return image;
        } finally {
            encoded.release();
        }
    }

    private static boolean isJpeg(byte[] b) {
        return b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF;
    }

    /** An end-of-image marker (FF D9) near the end; some cameras append a few bytes after it. */
    private static boolean hasJpegEnd(byte[] b) {
        int from = Math.max(2, b.length - 4096);
        for (int i = b.length - 2; i >= from; i--) {
            if ((b[i] & 0xff) == 0xFF && (b[i + 1] & 0xff) == 0xD9) {
                return true;
            }
        }
        return false;
    }

    /** Width x height from the file's header where Java can read it cheaply, else 0. */
    private static long headerPixels(Path file) {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                return 0;
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return 0;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return (long) reader.getWidth(0) * reader.getHeight(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
