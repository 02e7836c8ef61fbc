package org.doorbell.display;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.IntToLongFunction;
import java.util.function.ToLongFunction;

/**
 * The rows of the visitors list, in order, over a snapshot of the visitors: a row's card is made
 * the first time the row is asked for (drawn, tapped), then kept, so that opening the list of a
 * store of 100,000 visitors makes the dozen cards on screen, not 100,000. Unmodifiable.
 */
public final class VisitorRows extends AbstractList<VisitorCard> implements RandomAccess {
    private final IntToLongFunction id;
    private final IntFunction<VisitorCard> card;
    private final VisitorCard[] made;

    private VisitorRows(int size, IntToLongFunction id, IntFunction<VisitorCard> card) {
        this.id = id;
        this.card = card;
        this.made = new VisitorCard[size];
    }

    /**
     * Rows over a copy of {@code snapshot}, with each row's card made by {@code card} when first
     * needed.
     *
     * @param id the visitor id of an element, read without making its card
     */
    public static <T> VisitorRows of(List<T> snapshot, ToLongFunction<? super T> id,
                                     Function<? super T, VisitorCard> card) {
        List<T> rows = List.copyOf(snapshot);
        return new VisitorRows(rows.size(), i -> id.applyAsLong(rows.get(i)), i -> card.apply(rows.get(i)));
    }

    /** These cards as rows (the same rows if they are rows already). */
    static VisitorRows of(List<VisitorCard> cards) {
        return cards instanceof VisitorRows rows ? rows : of(cards, VisitorCard::id, c -> c);
    }

    @Override
    public VisitorCard get(int index) {
        VisitorCard c = made[index];
        if (c == null) {
            c = card.apply(index);
            made[index] = c;
        }
        return c;
    }

    @Override
    public int size() {
        return made.length;
    }

    /** The visitor id of row {@code index}, without making its card. */
    long idAt(int index) {
        java.util.Objects.checkIndex(index, made.length);
        return id.applyAsLong(index);
    }

    /** The row of visitor {@code visitorId}, or -1. */
    int rowOf(long visitorId) {
        for (int i = 0; i < made.length; i++) {
            if (id.applyAsLong(i) == visitorId) {
                return i;
            }
        }
        return -1;
    }

    /** These rows without visitor {@code visitorId}'s (the merge picker's choice of the others). */
    VisitorRows without(long visitorId) {
        int skip = rowOf(visitorId);
        if (skip < 0) {
            return this;
        }
        return new VisitorRows(made.length - 1, i -> idAt(i < skip ? i : i + 1), i -> get(i < skip ? i : i + 1));
    }
}
