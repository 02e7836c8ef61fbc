package org.doorbell.display;

/**
 * The owner's corrections from a visitor's card. Each one is committed to the visitor store
 * before it returns, so it may take a moment (a disk write, or waiting for the recogniser's own
 * write): the screen calls these off the Swing thread. Implemented by the application.
 */
public interface VisitorActions {

    /** Gives a visitor a name; a blank name removes it ("Visitor #N" again). */
    Result rename(long id, String name);

    /** Merges visitor {@code id} into {@code intoId}: one visitor with both galleries and all visits. */
    Result merge(long id, long intoId);

    /** Moves the visitor's latest visit off into a new visitor ("not this person"). */
    Result split(long id);

    /** Removes the visitor and everything stored about them. Not undoable. */
    Result forget(long id);

    /**
     * What an action did.
     *
     * @param done      whether it was carried out
     * @param message   one line for the owner: what happened, or why not
     * @param visitorId the visitor the card shows afterwards: the merge target, else the same
     *                  visitor (after a split, the one that keeps the older visits); -1 after forget
     * @param undo      reverts the action, or null when it cannot be undone
     */
    record Result(boolean done, String message, long visitorId, Undo undo) {
        public static Result refused(String message, long visitorId) {
            return new Result(false, message, visitorId, null);
        }
    }

    /** Reverts one action (committed to the store before it returns). */
    interface Undo {
        Result undo();
    }
}
