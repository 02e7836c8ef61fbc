package org.doorbell.recognition.threads;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Puts results that are finished out of order back in order: each has a ticket (0, 1, 2, ...
 * with none missing), and each is handed on, on the thread that submits it or a later ticket's,
 * once every earlier ticket has been. At most one hand-on runs at a time. Thread-safe.
 */
final class InOrder<T> {
    private final Consumer<T> next;
    private final Map<Long, T> waiting = new HashMap<>();
    private long due;

    InOrder(Consumer<T> next) {
        this.next = next;
    }

    /** Hands on this result, and any that waited for it, once its turn has come. */
    synchronized void submit(long ticket, T result) {
        waiting.put(ticket, result);
        T r;
        while ((r = waiting.remove(due)) != null) {
            due++;
            next.accept(r);
        }
    }

    /** How many results wait for an earlier one. */
    synchronized int waiting() {
        return waiting.size();
    }
}
