package org.doorbell.display;

import java.awt.Rectangle;

/**
 * Where everything goes on a screen of a given size. Sizes are those of the 1024x600 design,
 * scaled to the window, with touch targets never smaller than a finger: strip thumbnails at least
 * {@value #MIN_THUMBNAIL} px and buttons at least {@value #MIN_BUTTON_HEIGHT} px high.
 */
final class Layout {
    static final int DESIGN_WIDTH = 1024;
    static final int DESIGN_HEIGHT = 600;
    static final int MIN_THUMBNAIL = 96;
    static final int MIN_BUTTON_HEIGHT = 48;

    final int width;
    final int height;
    /** Design pixels to screen pixels. */
    final double scale;
    final int margin;
    final int thumbnail;
    final int slotWidth;
    final int stripHeight;
    final int headerHeight;
    final int rowHeight;
    private final int buttonWidth;
    private final int buttonHeight;

    Layout(int width, int height) {
        this.width = Math.max(width, 1);
        this.height = Math.max(height, 1);
        scale = Math.min(this.width / (double) DESIGN_WIDTH, this.height / (double) DESIGN_HEIGHT);
        margin = px(10);
        thumbnail = Math.max(MIN_THUMBNAIL, px(108));
        slotWidth = thumbnail + px(20);
        stripHeight = margin + thumbnail + px(32) + margin;
        buttonHeight = Math.max(MIN_BUTTON_HEIGHT, px(64));
        buttonWidth = Math.max(buttonHeight * 2, px(180));
        headerHeight = buttonHeight + 2 * margin;
        rowHeight = Math.max(MIN_THUMBNAIL, px(96)) + 2 * margin;
    }

    /** A design length in screen pixels. */
    int px(double designPixels) {
        return (int) Math.round(designPixels * scale);
    }

    /** The "Visitors" button on the live screen, at the right end of the strip. */
    Rectangle visitorsButton() {
        return new Rectangle(width - margin - buttonWidth, (stripHeight - buttonHeight) / 2, buttonWidth,
                buttonHeight);
    }

    /** The "Back" button of the card and the list, at the right end of their header. */
    Rectangle backButton() {
        return new Rectangle(width - margin - buttonWidth, margin, buttonWidth, buttonHeight);
    }

    /** How many strip thumbnails fit left of the "Visitors" button. */
    int stripSlots() {
        return Math.max(0, (visitorsButton().x - margin) / slotWidth);
    }

    /** The slot of the index-th strip card: its thumbnail and the label under it. */
    Rectangle stripSlot(int index) {
        return new Rectangle(margin + index * slotWidth, 0, slotWidth, stripHeight);
    }

    /** The thumbnail of the index-th strip card. */
    Rectangle stripThumbnail(int index) {
        Rectangle slot = stripSlot(index);
        return new Rectangle(slot.x + (slot.width - thumbnail) / 2, margin, thumbnail, thumbnail);
    }

    /** Under the strip: where the video is fitted. */
    Rectangle videoArea() {
        return new Rectangle(0, stripHeight, width, Math.max(0, height - stripHeight));
    }

    /** Under the header of the card and the list. */
    Rectangle content() {
        return new Rectangle(0, headerHeight, width, Math.max(0, height - headerHeight));
    }

    /** A video of this size fitted into {@code area}, aspect kept, centred (letterboxed). */
    static Rectangle fit(int videoWidth, int videoHeight, Rectangle area) {
        if (videoWidth <= 0 || videoHeight <= 0 || area.isEmpty()) {
            return new Rectangle(area.x, area.y, 0, 0);
        }
        double s = Math.min(area.width / (double) videoWidth, area.height / (double) videoHeight);
        int w = (int) Math.round(videoWidth * s);
        int h = (int) Math.round(videoHeight * s);
        return new Rectangle(area.x + (area.width - w) / 2, area.y + (area.height - h) / 2, w, h);
    }
}
