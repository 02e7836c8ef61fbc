package org.doorbell.display;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.swing.SwingUtilities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the owner's corrections off the Swing thread, one at a time in the order asked, on a
 * thread of its own ({@link VisitorActions} commit to the store before they return), and hands
 * each result back on the Swing thread. An action that throws or returns nothing comes back as
 * refused, with a message for the owner.
 */
final class ActionRunner {
    private static final Logger log = LoggerFactory.getLogger(ActionRunner.class);

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "visitor-actions");
        t.setDaemon(true);
        return t;
    });

    /**
     * Runs {@code action} in the background, then {@code then} with its result on the Swing thread.
     *
     * @param what      the action, for the log ("rename visitor 7")
     * @param visitorId the visitor the card shows, for a refusal
     */
    void run(String what, long visitorId, Supplier<VisitorActions.Result> action,
             Consumer<VisitorActions.Result> then) {
        try {
            worker.execute(() -> {
                VisitorActions.Result result = call(what, visitorId, action);
                SwingUtilities.invokeLater(() -> then.accept(result));
            });
        } catch (RejectedExecutionException e) {
            log.warn("{}: not run, the screen is closing", what);
            then.accept(VisitorActions.Result.refused("Not saved: the screen is closing", visitorId));
        }
    }

    /** Lets an action under way finish and runs no more; returns at once. */
    void stop() {
        worker.shutdown();
    }

    private static VisitorActions.Result call(String what, long visitorId, Supplier<VisitorActions.Result> action) {
        try {
            VisitorActions.Result result = action.get();
            if (result == null) {
                log.warn("{}: no result", what);
                return VisitorActions.Result.refused("Not saved", visitorId);
            }
            log.info("{}: {} ({})", what, result.done() ? "done" : "refused", result.message());
            return result;
        } catch (RuntimeException e) {
            log.warn("{}: failed", what, e);
            String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            return VisitorActions.Result.refused("Not saved: " + why, visitorId);
        }
    }
}
