package org.doorbell.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.doorbell.replay.Replay;

/**
 * A stream of visits to replay, built from a folder of labelled photos in LFW's layout
 * ({@code <root>/<Person>/<photo>.jpg}): regulars who come several times and one-off strangers,
 * each visit two different photos of the person 0.2 s apart, visits 10 minutes apart, in an order
 * fixed by a seed. Every visit uses photos of its own.
 *
 * @param name   the stream's name
 * @param visits the visits in time order
 */
public record VisitorStream(String name, List<Visit> visits) {
    static final Duration BETWEEN_VISITS = Duration.ofMinutes(10);
    static final Duration BETWEEN_PHOTOS = Duration.ofMillis(200);
    static final Instant START = Instant.parse("2026-01-05T08:00:00Z");

    /** One visit: a person and their photos, with capture times. */
    public record Visit(String person, List<Replay.Entry> frames) {
    }

    /** The shape of a stream. */
    public record Shape(String name, int regulars, int visitsEach, int strangers) {
        public static final Shape DOORBELL = new Shape("doorbell", 20, 3, 100);
        public static final Shape BUSY = new Shape("busy", 100, 2, 300);
    }

    /** Every person's photos, by name, each list sorted. */
    public static TreeMap<String, List<Path>> people(Path root) throws IOException {
        TreeMap<String, List<Path>> people = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.list(dir)) {
                    List<Path> photos = files.filter(f -> f.getFileName().toString().toLowerCase().matches(".*\\.(jpe?g|png)"))
                            .sorted().toList();
                    if (!photos.isEmpty()) {
                        people.put(dir.getFileName().toString(), photos);
                    }
                }
            }
        }
        return people;
    }

    /**
     * Builds a stream: regulars drawn from people with enough photos for all their visits,
     * strangers from the others with at least two photos.
     *
     * @throws IllegalArgumentException if there are not enough such people
     */
    public static VisitorStream build(Shape shape, TreeMap<String, List<Path>> people, long seed) {
        Random random = new Random(seed);
        List<String> names = new ArrayList<>(people.keySet());
        List<String> regularPool = new ArrayList<>(names.stream()
                .filter(n -> people.get(n).size() >= 2 * shape.visitsEach()).toList());
        Collections.shuffle(regularPool, random);
        if (regularPool.size() < shape.regulars()) {
            throw new IllegalArgumentException("only " + regularPool.size() + " people have " + 2 * shape.visitsEach()
                    + " photos; the " + shape.name() + " stream needs " + shape.regulars());
        }
        List<String> regulars = regularPool.subList(0, shape.regulars());
        Set<String> taken = new HashSet<>(regulars);
        List<String> strangerPool = new ArrayList<>(names.stream()
                .filter(n -> !taken.contains(n) && people.get(n).size() >= 2).toList());
        Collections.shuffle(strangerPool, random);
        if (strangerPool.size() < shape.strangers()) {
            throw new IllegalArgumentException("only " + strangerPool.size() + " other people have 2 photos; the "
                    + shape.name() + " stream needs " + shape.strangers());
        }
        record Planned(String person, List<Path> photos) {
        }
        List<Planned> planned = new ArrayList<>();
        for (String r : regulars) {
            List<Path> photos = new ArrayList<>(people.get(r));
            Collections.shuffle(photos, random);
            for (int k = 0; k < shape.visitsEach(); k++) {
                planned.add(new Planned(r, photos.subList(2 * k, 2 * k + 2)));
            }
        }
        for (String s : strangerPool.subList(0, shape.strangers())) {
            List<Path> photos = new ArrayList<>(people.get(s));
            Collections.shuffle(photos, random);
            planned.add(new Planned(s, photos.subList(0, 2)));
        }
        Collections.shuffle(planned, random);
        List<Visit> visits = new ArrayList<>(planned.size());
        int line = 1;
        for (int i = 0; i < planned.size(); i++) {
            Instant at = START.plus(BETWEEN_VISITS.multipliedBy(i));
            List<Replay.Entry> frames = new ArrayList<>();
            for (Path photo : planned.get(i).photos()) {
                frames.add(new Replay.Entry(line++, at, photo));
                at = at.plus(BETWEEN_PHOTOS);
            }
            visits.add(new Visit(planned.get(i).person(), frames));
        }
        return new VisitorStream(shape.name(), visits);
    }

    /** Every frame, in time order. */
    public List<Replay.Entry> frames() {
        List<Replay.Entry> out = new ArrayList<>();
        visits.forEach(v -> out.addAll(v.frames()));
        return out;
    }
}
