package org.doorbell.display;

import java.util.List;
import java.util.function.Supplier;

/**
 * The screen. {@link #show} is called from the video thread at the camera's rate and must never
 * block on painting; the screen browses visitors through the supplier it was given.
 */
public interface Display extends AutoCloseable {

    /** Shows this moment; copies what it keeps and returns at once. */
    void show(DisplayFrame frame);

    /** How many different video frames have been painted so far (frames replaced before painting do not count). */
    long framesPainted();

    /** Whether the person at the screen asked to quit (Esc or q). */
    boolean quitRequested();

    @Override
    void close();

    /** Every known visitor, most recently seen first, for the "Visitors" list and cards. */
    interface VisitorDirectory extends Supplier<List<VisitorCard>> {
    }
}
