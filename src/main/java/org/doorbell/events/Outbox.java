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
 * for at most {@code maxAge} from when they were offered, and at most {@code capacity} of them:
 * past either limit the oldest are dropped first, and counted. A retained message replaces any
 * waiting one of the same topic (only the latest state matters), and the latest of each retained
 * topic is remembered so that it can be sent again after a reconnect (a broker restarted without
 * persistence has forgotten it). Thread-safe: any thread offers, the publisher's thread takes.
 */
final class Outbox {
    private record Entry(Message message, Instant offered) {
    }

    private final int capacity;
    private final Duration maxAge;
    private final Clock clock;
    private final ArrayDeque<Entry> queue = new ArrayDeque<>();
    private final Map<String, Entry> latestRetained = new LinkedHashMap<>();
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
        Entry e = new Entry(m, clock.instant());
        if (m.retained()) {
            queue.removeIf(q -> q.message().retained() && q.message().topic().equals(m.topic()));
            latestRetained.put(m.topic(), e);
        } else {
            dropExpired();
            if (events >= capacity) {
                for (Iterator<Entry> it = queue.iterator(); it.hasNext(); ) {
                    if (!it.next().message().retained()) {
                        it.remove();
                        events--;
                        dropped++;
                        break;
                    }
                }
            }
            events++;
        }
        queue.addLast(e);
        notifyAll();
    }

    /** The oldest waiting message, waiting up to {@code timeoutMillis} for one; null if none came. */
    synchronized Message take(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            dropExpired();
            Entry e = queue.peekFirst();
            if (e != null) {
                return e.message();
            }
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return null;
            }
            wait(left);
        }
    }

    /**
     * The message last given by {@link #take} was sent: it leaves the queue. (Until then it stays at
     * the head, so that a failed publication is tried again first, after the reconnect.)
     */
    synchronized void sent(Message m) {
        Entry head = queue.peekFirst();
        if (head != null && head.message() == m) {
            queue.pollFirst();
            if (!m.retained()) {
                events--;
            }
        }
    }

    /** After a reconnect: the latest of each retained topic goes again, first, unless it is waiting already. */
    synchronized void resendRetained() {
        List<Entry> again = new ArrayList<>();
        for (Entry e : latestRetained.values()) {
            if (!queue.contains(e)) {
                again.add(e);
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
        for (Iterator<Entry> it = queue.iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (!e.message().retained() && e.offered().isBefore(oldest)) {
                it.remove();
                events--;
                dropped++;
            }
        }
    }
}
