package org.doorbell.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The messages waiting for the broker, in order, in bounded memory. Events (not retained) are kept
 * for at most {@code maxAge} and at most {@code capacity} of them: past either limit the oldest are
 * dropped first, and counted. A retained message replaces any waiting one of the same topic (only
 * the latest state matters), and the latest of each retained topic is remembered so that it can be
 * sent again after a reconnect (a broker restarted without persistence has forgotten it).
 * Thread-safe: any thread offers, the publisher's thread takes.
 */
final class Outbox {
    private final int capacity;
    private final Duration maxAge;
    private final Clock clock;
    private final ArrayDeque<Message> queue = new ArrayDeque<>();
    private final Map<String, Message> latestRetained = new LinkedHashMap<>();
    private int events;
    private long dropped;

    Outbox(int capacity, Duration maxAge, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** Adds a message at the end; never blocks. */
    synchronized void offer(Message m) {
        if (m.retained()) {
            queue.removeIf(q -> q.retained() && q.topic().equals(m.topic()));
            latestRetained.put(m.topic(), m);
        } else {
            dropExpired();
            if (events >= capacity) {
                for (Iterator<Message> it = queue.iterator(); it.hasNext(); ) {
                    if (!it.next().retained()) {
                        it.remove();
                        events--;
                        dropped++;
                        break;
                    }
                }
            }
            events++;
        }
        queue.addLast(m);
        notifyAll();
    }

    /** The oldest waiting message, waiting up to {@code timeoutMillis} for one; null if none came. */
    synchronized Message take(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            dropExpired();
            Message m = queue.pollFirst();
            if (m != null) {
                if (!m.retained()) {
                    events--;
                }
                return m;
            }
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return null;
            }
            wait(left);
        }
    }

    /** Puts a message that could not be sent back at the head, to be sent first after a reconnect. */
    synchronized void putBack(Message m) {
        if (m.retained() && latestRetained.get(m.topic()) != m) {
            return;  // a newer state came meanwhile
        }
        if (m.retained()) {
            queue.removeIf(q -> q.retained() && q.topic().equals(m.topic()));
        } else {
            events++;
        }
        queue.addFirst(m);
    }

    /** After a reconnect: the latest of each retained topic goes again, first, unless it is waiting already. */
    synchronized void resendRetained() {
        List<Message> again = new ArrayList<>();
        for (Message m : latestRetained.values()) {
            if (!queue.contains(m)) {
                again.add(m);
            }
        }
        for (int i = again.size() - 1; i >= 0; i--) {
            queue.addFirst(again.get(i));
        }
    }

    synchronized int waiting() {
        return queue.size();
    }

    /** Events dropped so far: too many waiting, or waiting longer than the limit. */
    synchronized long dropped() {
        return dropped;
    }

    private void dropExpired() {
        if (events == 0) {
            return;
        }
        Instant oldest = clock.instant().minus(maxAge);
        for (Iterator<Message> it = queue.iterator(); it.hasNext(); ) {
            Message m = it.next();
            if (!m.retained() && m.created().isBefore(oldest)) {
                it.remove();
                events--;
                dropped++;
            }
        }
    }
}
