package org.doorbell.events;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.doorbell.face.FaceBox;
import org.doorbell.image.OpenCv;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The doorstep picture for Home Assistant: a camera frame (BGR) scaled down to at most
 * {@code maxWidth} pixels wide, each face boxed with its name under it (drawn with Java's fonts, so
 * that any name the owner typed shows), as a JPEG. Takes a few tens of milliseconds for a 720p
 * frame: made on a thread of its own ({@link DoorstepPictures}), never on the camera's or the
 * recogniser's.
 */
public final class DoorstepPicture {
    /**
     * One face to draw.
     *
     * @param box       in the frame's pixels
     * @param label     its name, "Visitor #N", or "" for a box without a name
     * @param highlight the face of a visitor this picture is for (drawn in the accent colour)
     */
    public record Face(FaceBox box, String label, boolean highlight) {
    }

    static final float QUALITY = 0.85f;
    private static final Color ACCENT = new Color(255, 170, 0);
    private static final Color OTHER = new Color(60, 200, 90);

    private DoorstepPicture() {
    }

    /** The picture of {@code frame} (left as it is) with {@code faces}, at most {@code maxWidth} wide. */
    public static byte[] jpeg(Mat frame, List<Face> faces, int maxWidth) {
        if (frame.empty() || frame.type() != CvType.CV_8UC3) {
            throw new IllegalArgumentException("expected a BGR frame, got " + frame);
        }
        OpenCv.load();
        double scale = Math.min(1.0, maxWidth / (double) frame.cols());
        Mat scaled = new Mat();
        try {
            if (scale < 1.0) {
                Imgproc.resize(frame, scaled, new Size(Math.round(frame.cols() * scale),
                        Math.round(frame.rows() * scale)), 0, 0, Imgproc.INTER_AREA);
            } else {
                frame.copyTo(scaled);
            }
            BufferedImage image = new BufferedImage(scaled.cols(), scaled.rows(), BufferedImage.TYPE_3BYTE_BGR);
            scaled.get(0, 0, ((DataBufferByte) image.getRaster().getDataBuffer()).getData());
            draw(image, faces, scaled.cols() / (double) frame.cols());
            return encode(image);
        } finally {
            scaled.release();
        }
    }

    private static void draw(BufferedImage image, List<Face> faces, double scale) {
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int unit = Math.max(1, image.getWidth() / 320);
            g.setStroke(new BasicStroke(unit + 1));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, image.getWidth() / 40)));
            FontMetrics fm = g.getFontMetrics();
            for (Face f : faces) {
                FaceBox b = f.box().scaled(scale).clippedTo(image.getWidth(), image.getHeight());
                Color c = f.highlight() ? ACCENT : OTHER;
                g.setColor(c);
                g.drawRect(b.left(), b.top(), b.width() - 1, b.height() - 1);
                if (f.label() == null || f.label().isEmpty()) {
                    continue;
                }
                int w = fm.stringWidth(f.label()) + 4 * unit;
                int h = fm.getHeight() + unit;
                int x = Math.max(0, Math.min(b.left(), image.getWidth() - w));
                int y = b.bottom() + h < image.getHeight() ? b.bottom() + 1 : Math.max(0, b.top() - h);
                g.fillRect(x, y, w, h);
                g.setColor(Color.BLACK);
                g.drawString(f.label(), x + 2 * unit, y + fm.getAscent());
            }
        } finally {
            g.dispose();
        }
    }

    private static byte[] encode(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(QUALITY);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
