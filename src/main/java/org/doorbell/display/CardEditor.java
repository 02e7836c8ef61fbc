package org.doorbell.display;

import java.awt.Graphics2D;
import java.awt.Point;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner's corrections from a visitor's card: what the card's four buttons and "Undo" do, the
 * screens they open (the {@link OnScreenKeyboard} for a name, the merge picker, the
 * {@link ConfirmView} before forgetting) and the message they leave on the card.
 *
 * <p>Name, Same person as... and Not this person show what they did with "Undo" until the card is
 * left or another correction is made; Forget is confirmed instead, and leaves the card. Each
 * correction runs on the {@link ActionRunner}'s thread; meanwhile the card says "Saving…" and its
 * buttons do nothing. A refused correction shows why, and nothing else changes. A result that
 * comes back after the card was left is only logged. Swing thread only.
 */
final class CardEditor {
    static final String SAVING = "Saving…";
    static final String FORGET_DETAIL = "Their faces and photos are deleted.";
    static final String FORGET = "Forget";
    private static final Logger log = LoggerFactory.getLogger(CardEditor.class);

    /** What the editor needs of the screen it is on. */
    interface Host {
        /** The card up (or that the keyboard, picker or confirmation is about), or null. */
        VisitorCard card();

        /** Every visitor, from the directory. */
        List<VisitorCard> visitors();

        /** Puts up one of the card's screens: the card itself, or the keyboard, picker or confirmation. */
        void show(SwingDisplay.Screen screen);

        /** Puts up the card of this visitor, read afresh from the directory. */
        void showVisitor(long id);

        /** The card's visitor is gone: leaves the card, saying {@code message}. */
        void forgotten(String message);
    }

    private final VisitorActions actions;
    private final Host host;
    private final ActionRunner runner = new ActionRunner();
    private final OnScreenKeyboard keyboard = new OnScreenKeyboard();
    private final VisitorListView picker;
    private final ConfirmView confirm;

    private String message;
    private VisitorActions.Undo undo;
    private boolean saving;
    private boolean refused;
    /** Counts the cards left: a result for an earlier count is not shown. */
    private int visit;

    CardEditor(VisitorActions actions, Host host, Thumbnails thumbnails, Clock clock) {
        this.actions = actions;
        this.host = host;
        picker = new VisitorListView(thumbnails, clock);
        confirm = new ConfirmView(thumbnails);
    }

    /** The card's message, "Undo" and whether it is saving. */
    VisitorCardView.Status status() {
        return new VisitorCardView.Status(message, undo != null, saving, refused);
    }

    boolean saving() {
        return saving;
    }

    OnScreenKeyboard keyboard() {
        return keyboard;
    }

    VisitorListView picker() {
        return picker;
    }

    /** The card was left (Back): its message and "Undo" go, and a result still to come is not shown. */
    void cardLeft() {
        visit++;
        message = null;
        undo = null;
        saving = false;
        refused = false;
    }

    /** Stops the background thread; called when the window goes. */
    void stop() {
        runner.stop();
    }

    /** A tap on the card, other than on "Back". */
    void tapCard(Layout layout, Point p) {
        VisitorCard card = host.card();
        if (saving || card == null) {
            return;
        }
        if (undo != null && layout.cardUndo().contains(p)) {
            VisitorActions.Undo u = undo;
            start("undo on visitor " + card.id(), card.id(), u::undo, false, true);
            return;
        }
        long id = card.id();
        if (layout.cardAction(0).contains(p)) {
            keyboard.start(card.name());
            host.show(SwingDisplay.Screen.NAME);
        } else if (layout.cardAction(1).contains(p)) {
            picker.open(VisitorRows.of(host.visitors()).without(id));
            host.show(SwingDisplay.Screen.SAME_PERSON);
        } else if (layout.cardAction(2).contains(p)) {
            start("split visitor " + id, id, () -> actions.split(id), false, false);
        } else if (layout.cardAction(3).contains(p)) {
            host.show(SwingDisplay.Screen.FORGET);
        }
    }

    /** A tap on the keyboard screen: a key, "OK" (saves the name if it changed) or "Cancel". */
    void tapKeyboard(Layout layout, Point p) {
        VisitorCard card = host.card();
        if (card == null || layout.backButton().contains(p)) {
            host.show(SwingDisplay.Screen.CARD);
        } else if (layout.keyboardOk().contains(p)) {
            String name = keyboard.name();
            String before = card.name() == null ? "" : card.name().strip();
            if (name.equals(before)) {
                host.show(SwingDisplay.Screen.CARD);
            } else {
                long id = card.id();
                start("rename visitor " + id, id, () -> actions.rename(id, name), false, false);
            }
        } else {
            keyboard.keyAt(layout, p).ifPresent(k -> keyboard.press(k.label()));
        }
    }

    /** A tap on the merge picker: a visitor to merge into the card's, or "Cancel". */
    void tapPicker(Layout layout, Point p) {
        VisitorCard card = host.card();
        if (card == null || layout.backButton().contains(p)) {
            host.show(SwingDisplay.Screen.CARD);
            return;
        }
        Optional<VisitorCard> picked = picker.rowAt(layout, p);
        if (picked.isPresent()) {
            long from = picked.get().id();
            long into = card.id();
            start("merge visitor " + from + " into " + into, into, () -> actions.merge(from, into), false, false);
        }
    }

    /** A tap on the confirmation: "Forget" forgets the visitor, "Cancel" goes back to the card. */
    void tapConfirm(Layout layout, Point p) {
        VisitorCard card = host.card();
        if (card == null || layout.confirmCancel().contains(p)) {
            host.show(SwingDisplay.Screen.CARD);
        } else if (layout.confirmOk().contains(p)) {
            long id = card.id();
            start("forget visitor " + id, id, () -> actions.forget(id), true, false);
        }
    }

    /** Drags the picker's rows by {@code dy} pixels. */
    void scrollPicker(Layout layout, int dy) {
        picker.scrollBy(layout, dy);
    }

    /** Paints the keyboard, the picker or the confirmation (this over the card, painted already). */
    void paint(Graphics2D g, Layout layout, SwingDisplay.Screen screen, VisitorCard card, Point pressed) {
        switch (screen) {
            case NAME -> keyboard.paint(g, layout,
                    card.name() == null || card.name().isBlank() ? "Name for " + card.title() : "Rename " + card.title(),
                    pressed);
            case SAME_PERSON -> picker.paint(g, layout, "Same person as " + card.title() + "?", Header.CANCEL,
                    "No other visitors");
            case FORGET -> confirm.paint(g, layout, card, "Forget " + card.title() + "?", FORGET_DETAIL, FORGET,
                    pressed);
            default -> throw new IllegalArgumentException("not an editor screen: " + screen);
        }
    }

    private void start(String what, long id, Supplier<VisitorActions.Result> action, boolean forget,
                       boolean isUndo) {
        saving = true;
        refused = false;
        message = SAVING;
        undo = null;
        int startedOn = visit;
        host.show(SwingDisplay.Screen.CARD);
        runner.run(what, id, action, result -> finish(startedOn, result, forget, isUndo));
    }

    private void finish(int startedOn, VisitorActions.Result result, boolean forget, boolean isUndo) {
        if (startedOn != visit) {
            log.debug("Result after the card was left: {}", result.message());
            return;
        }
        saving = false;
        message = result.message();
        refused = !result.done();
        if (refused) {
            host.show(SwingDisplay.Screen.CARD);
        } else if (forget) {
            message = null;
            host.forgotten(result.message());
        } else {
            undo = isUndo ? null : result.undo();
            host.showVisitor(result.visitorId());
        }
    }
}
