package org.doorbell.appliance;

import java.io.IOException;
import java.util.function.Supplier;
import org.doorbell.display.VisitorActions;
import org.doorbell.visitors.VisitorEditor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The screen's corrections, carried out by the appliance's {@link VisitorEditor}: committed to the
 * store and shown at once. A failure to write is one message for the owner, and changes nothing.
 */
public final class OwnerActions implements VisitorActions {
    private static final Logger log = LoggerFactory.getLogger(OwnerActions.class);
    private final Supplier<VisitorEditor> editor;

    /** @param editor the running appliance's editor; null while it is starting */
    public OwnerActions(Supplier<VisitorEditor> editor) {
        this.editor = editor;
    }

    @Override
    public Result rename(long id, String name) {
        return run(id, e -> e.rename(id, name));
    }

    @Override
    public Result merge(long id, long intoId) {
        return run(intoId, e -> e.merge(id, intoId));
    }

    @Override
    public Result split(long id) {
        return run(id, e -> e.split(id));
    }

    @Override
    public Result forget(long id) {
        return run(id, e -> e.forget(id));
    }

    private interface Edit {
        VisitorEditor.Outcome apply(VisitorEditor editor) throws IOException;
    }

    private Result run(long id, Edit edit) {
        VisitorEditor e = editor.get();
        if (e == null) {
            return Result.refused("Still starting; try again in a moment.", id);
        }
        try {
            VisitorEditor.Outcome outcome = edit.apply(e);
            log.info("{}", outcome.message());
            return result(e, outcome);
        } catch (IOException ex) {
            log.error("could not save a correction: {}", ex.getMessage());
            return Result.refused("Could not save: " + ex.getMessage(), id);
        }
    }

    private Result result(VisitorEditor e, VisitorEditor.Outcome outcome) {
        Undo undo = outcome.undoable() ? () -> run(outcome.visitorId(), ed -> ed.undo(outcome)) : null;
        return new Result(outcome.done(), outcome.message(), outcome.visitorId(), undo);
    }
}
