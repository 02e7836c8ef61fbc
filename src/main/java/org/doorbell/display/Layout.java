package org.doorbell.display;

import java.awt.Rectangle;

/**
 * Where everything goes on a screen of a given size. Sizes are those of the 1024x600 design,
 * scaled to the window, with touch targets never smaller than a finger: strip thumbnails at least
 * {@value #MIN_THUMBNAIL} px, header buttons at least {@value #MIN_BUTTON_HEIGHT} px high, and the
 * card's buttons, the keyboard's keys and the confirmation's buttons at least {@value #MIN_TOUCH} px
 * high.
 */
final class Layout {
    static final int DESIGN_WIDTH = 1024;
    static final int DESIGN_HEIGHT = 600;
    static final int MIN_THUMBNAIL = 96;
    static final int MIN_BUTTON_HEIGHT = 48;
    static final int MIN_TOUCH = 64;
    /** The card's four buttons, left to right, in shares of the row (the middle two have longer labels). */
    private static final int[] CARD_ACTION_SHARES = {3, 5, 5, 3};

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
    /** Height of the card's buttons, the keyboard's text field and the confirmation's buttons. */
    final int touch;
    private final int buttonWidth;
    private final int buttonHeight;

    Layout(int width, int height) {
        this.width = Math.max(width, 1);
        this.height = Math.max(height, 1);
        scale = Math.min(this.width / (double) DESIGN_WIDTH, this.height / (double) DESIGN_HEIGHT);
        margin = px(10);
        thumbnail = Math.max(MIN_THUMBNAIL, px(108));
        slotWidth = thumbnail + px(20);
        // under each thumbnail: the visitor's name, if any, and the visits
        stripHeight = margin + thumbnail + px(50) + margin;
        buttonHeight = Math.max(MIN_BUTTON_HEIGHT, px(64));
        buttonWidth = Math.max(buttonHeight * 2, px(180));
        headerHeight = buttonHeight + 2 * margin;
        rowHeight = Math.max(MIN_THUMBNAIL, px(96)) + 2 * margin;
        touch = Math.max(MIN_TOUCH, px(72));
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

    /**
     * The card's large face, at the left under the header; smaller when the card's buttons take
     * the bottom row.
     */
    Rectangle cardFace(boolean withActions) {
        Rectangle content = content();
        int top = content.y + margin;
        int bottom = withActions ? cardAction(0).y - px(16) : height - margin;
        int side = Math.max(0, Math.min(px(400), bottom - top));
        return new Rectangle(px(32), top, side, side);
    }

    /** The card's panel of facts, right of the face and as high. */
    Rectangle cardPanel(boolean withActions) {
        Rectangle face = cardFace(withActions);
        int gap = px(32);
        return new Rectangle(face.x + face.width + gap, face.y, Math.max(0, width - face.width - 3 * gap),
                face.height);
    }

    /** The index-th (0 to 3) of the card's buttons: Name, Same person as..., Not this person, Forget. */
    Rectangle cardAction(int index) {
        if (index < 0 || index >= CARD_ACTION_SHARES.length) {
            throw new IllegalArgumentException("no card button " + index);
        }
        int gap = px(32);
        int between = px(16);
        int total = width - 2 * gap - (CARD_ACTION_SHARES.length - 1) * between;
        int shares = 0;
        for (int s : CARD_ACTION_SHARES) {
            shares += s;
        }
        int x = gap;
        for (int i = 0; i < index; i++) {
            x += total * CARD_ACTION_SHARES[i] / shares + between;
        }
        int w = index == CARD_ACTION_SHARES.length - 1 ? width - gap - x : total * CARD_ACTION_SHARES[index] / shares;
        return new Rectangle(x, height - margin - touch, w, touch);
    }

    /** "Undo", at the bottom right of the card's panel. */
    Rectangle cardUndo() {
        Rectangle panel = cardPanel(true);
        int pad = px(16);
        int w = Math.max(touch * 2, px(150));
        return new Rectangle(panel.x + panel.width - pad - w, panel.y + panel.height - pad - touch, w, touch);
    }

    /** The line of the card's panel left of "Undo", for what the last correction did. */
    Rectangle cardMessage() {
        Rectangle panel = cardPanel(true);
        Rectangle undo = cardUndo();
        int x = panel.x + px(24);
        return new Rectangle(x, undo.y, Math.max(0, undo.x - px(16) - x), undo.height);
    }

    /** The on-screen keyboard's text field, under the header. */
    Rectangle keyboardField() {
        Rectangle ok = keyboardOk();
        return new Rectangle(margin, ok.y, Math.max(0, ok.x - px(16) - margin), touch);
    }

    /** The keyboard's "OK", right of the text field and under the header's "Cancel". */
    Rectangle keyboardOk() {
        return new Rectangle(width - margin - buttonWidth, headerHeight + margin, buttonWidth, touch);
    }

    /** Where the keyboard's keys go: the rest of the screen under the text field. */
    Rectangle keyboardKeys() {
        int y = headerHeight + margin + touch + margin;
        return new Rectangle(margin, y, width - 2 * margin, Math.max(0, height - margin - y));
    }

    /** The confirmation box, centred on the screen. */
    Rectangle confirmDialog() {
        int w = Math.min(width - 2 * margin, px(760));
        int h = Math.min(height - 2 * margin, Math.max(px(340), 2 * touch + px(200)));
        return new Rectangle((width - w) / 2, (height - h) / 2, w, h);
    }

    /** The confirming button, at the bottom right of the confirmation box. */
    Rectangle confirmOk() {
        Rectangle box = confirmDialog();
        int w = confirmButtonWidth();
        int pad = px(32);
        return new Rectangle(box.x + box.width - pad - w, box.y + box.height - pad - touch, w, touch);
    }

    /** "Cancel", left of the confirming button. */
    Rectangle confirmCancel() {
        Rectangle ok = confirmOk();
        int w = confirmButtonWidth();
        return new Rectangle(ok.x - px(24) - w, ok.y, w, touch);
    }

    private int confirmButtonWidth() {
        return Math.max(buttonWidth, px(220));
    }

    /** Where a short message shows after the card was left (such as "Forgot Visitor #7"). */
    Rectangle toast() {
        int h = px(120);
        return new Rectangle(0, height - margin - h, width, h);
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
