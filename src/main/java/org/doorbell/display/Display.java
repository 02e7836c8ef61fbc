package org.doorbell.display;

import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
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

        /** One visitor's card as it is now, or empty if gone (an open card is refreshed by this every second). */
        default Optional<VisitorCard> find(long id) {
            List<VisitorCard> all = get();
            return all == null ? Optional.empty() : all.stream().filter(v -> v.id() == id).findFirst();
        }

        /** A directory that finds one card without making every card (a store of 100,000 visitors). */
        static VisitorDirectory of(Supplier<List<VisitorCard>> all, LongFunction<Optional<VisitorCard>> one) {
            return new VisitorDirectory() {
                @Override
                public List<VisitorCard> get() {
                    return all.get();
                }

                @Override
                public Optional<VisitorCard> find(long id) {
                    return one.apply(id);
                }
            };
        }
    }
}
