package org.doorbell.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.time.Instant;
import org.doorbell.image.ImageFiles;
import org.doorbell.testing.TestFaces;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;

/** Visitors' JPEG faces are decoded once per visitor, again only when the JPEG changes. */
class ThumbnailsTest {

    private static VisitorCard card(long id, byte[] jpeg) {
        return new VisitorCard(id, null, jpeg, Instant.EPOCH, Instant.EPOCH, 1, Duration.ZERO);
    }

    @Test
    void decodesOnceByIdAndAgainWhenTheFaceChanges() throws Exception {
        Mat photo = ImageFiles.readBgr(TestFaces.file(ScreenDriver.PHOTO));
        byte[] leonard = ScreenDriver.thumbnail(photo, ScreenDriver.FACES.get(1));
        byte[] sheldon = ScreenDriver.thumbnail(photo, ScreenDriver.FACES.get(3));
        Thumbnails thumbnails = new Thumbnails();

        BufferedImage first = thumbnails.get(card(7, leonard));
        assertNotNull(first);
        assertEquals(150, first.getWidth());
        assertSame(first, thumbnails.get(card(7, leonard.clone())), "same JPEG: the cached image");
        assertNotSame(first, thumbnails.get(card(7, sheldon)), "new JPEG: decoded again");
    }

    @Test
    void aFaceIsFetchedWhenFirstDrawnAndOncePerPicture() throws Exception {
        Mat photo = ImageFiles.readBgr(TestFaces.file(ScreenDriver.PHOTO));
        byte[] leonard = ScreenDriver.thumbnail(photo, ScreenDriver.FACES.get(1));
        java.util.concurrent.atomic.AtomicInteger fetched = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Supplier<byte[]> picture = () -> {
            fetched.incrementAndGet();
            return leonard;
        };
        VisitorCard card = new VisitorCard(7, null, picture, Instant.EPOCH, Instant.EPOCH, 1, Duration.ZERO);
        assertEquals(0, fetched.get(), "a card fetches nothing");
        Thumbnails thumbnails = new Thumbnails();
        BufferedImage first = thumbnails.get(card);
        assertNotNull(first);
        assertSame(first, thumbnails.get(card));
        assertSame(first, thumbnails.get(new VisitorCard(7, "Leonard", picture, Instant.EPOCH, Instant.EPOCH, 2,
                Duration.ZERO)), "a newer card with the same picture");
        assertEquals(1, fetched.get(), "fetched once");
    }

    @Test
    void aBrokenJpegGivesNoImage() {
        Thumbnails thumbnails = new Thumbnails();
        assertNull(thumbnails.get(card(1, new byte[] {1, 2, 3})));
        assertNull(thumbnails.get(card(2, new byte[0])));
    }
}
