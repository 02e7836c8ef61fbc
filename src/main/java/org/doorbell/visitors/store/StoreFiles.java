package org.doorbell.visitors.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * File helpers of the visitor store: owner-only creation, and moving files aside under a dated name
 * (at most {@link #KEEP_CORRUPT} damaged copies kept).
 */
final class StoreFiles {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private StoreFiles() {
    }

    /** Creates the folder and any missing parents, owner-only (0700) where the file system has POSIX permissions. */
    static void createFolders(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (posix(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
    }

    /** Creates an empty file, owner-only (0600) where the file system has POSIX permissions. */
    static void createPrivateFile(Path file) throws IOException {
        FileAttribute<?>[] attrs = posix(file.toAbsolutePath().getParent())
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        Files.createFile(file, attrs);
    }

    private static boolean posix(Path near) {
        return near.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Moves the file to {@code <name>.<kind>-<yyyyMMdd-HHmmss>} (UTC; {@code -1}, {@code -2}, ...
     * added if taken) beside it, and each existing companion {@code <name><suffix>} to the new
     * name plus the same suffix (so a database keeps its {@code -wal}). Returns the new path.
     */
    static Path moveAside(Path file, String kind, String... companionSuffixes) throws IOException {
        String base = file.getFileName() + "." + kind + "-" + STAMP.format(Instant.now());
        // past every counter used in this second, so that names sort by age even after old ones are deleted
        int first = 0;
        try (java.util.stream.Stream<Path> siblings = Files.list(file.toAbsolutePath().getParent())) {
            for (Path p : (Iterable<Path>) siblings::iterator) {
                String n = p.getFileName().toString();
                if (n.equals(base)) {
                    first = Math.max(first, 1);
                } else if (n.startsWith(base + "-")) {
                    try {
                        first = Math.max(first, Integer.parseInt(n.substring(base.length() + 1).replaceAll("\\D.*", "")) + 1);
                    } catch (NumberFormatException e) {
                        // another name: not ours
                    }
                }
            }
        }
        for (int n = first; ; n++) {
            String name = n == 0 ? base : base + "-" + n;
            Path target = file.resolveSibling(name);
            if (Files.exists(target) || taken(target, companionSuffixes)) {
                continue;
            }
            try {
                Files.move(file, target);
            } catch (FileAlreadyExistsException e) {
                continue;  // taken between the check and the move: try the next name
            }
            for (String suffix : companionSuffixes) {
                Path companion = file.resolveSibling(file.getFileName() + suffix);
                if (Files.exists(companion)) {
                    Files.move(companion, target.resolveSibling(name + suffix));
                }
            }
            if ("corrupt".equals(kind)) {
                pruneAside(file, kind, KEEP_CORRUPT, companionSuffixes);
            }
            return target;
        }
    }

    /** How many copies of a store moved aside as damaged are kept: they hold faces too. */
    static final int KEEP_CORRUPT = 3;

    /**
     * Deletes all but the {@code keep} newest files moved aside as {@code kind} (their names sort
     * by time), with their companions.
     */
    static void pruneAside(Path file, String kind, int keep, String... companionSuffixes) throws IOException {
        String prefix = file.getFileName() + "." + kind + "-";
        java.util.List<Path> aside = new java.util.ArrayList<>();
        try (java.util.stream.Stream<Path> siblings = Files.list(file.toAbsolutePath().getParent())) {
            siblings.filter(p -> {
                String n = p.getFileName().toString();
                if (!n.startsWith(prefix)) {
                    return false;
                }
                for (String suffix : companionSuffixes) {
                    if (n.endsWith(suffix)) {
                        return false;
                    }
                }
                return true;
            }).forEach(aside::add);
        }
        // yyyyMMdd-HHmmss then -1, -2 ...: by time, then by the counter's value
        aside.sort(java.util.Comparator.comparing((Path p) -> stamp(p, prefix)).thenComparingInt(p -> counter(p, prefix)));
        for (int i = 0; i < aside.size() - keep; i++) {
            Path old = aside.get(i);
            Files.deleteIfExists(old);
            for (String suffix : companionSuffixes) {
                Files.deleteIfExists(old.resolveSibling(old.getFileName() + suffix));
            }
        }
    }

    private static String stamp(Path p, String prefix) {
        String rest = p.getFileName().toString().substring(prefix.length());
        return rest.length() >= 15 ? rest.substring(0, 15) : rest;
    }

    private static int counter(Path p, String prefix) {
        String rest = p.getFileName().toString().substring(prefix.length());
        if (rest.length() > 16 && rest.charAt(15) == '-') {
            try {
                return Integer.parseInt(rest.substring(16));
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    private static boolean taken(Path target, String[] suffixes) {
        for (String suffix : suffixes) {
            if (Files.exists(target.resolveSibling(target.getFileName() + suffix))) {
                return true;
            }
        }
        return false;
    }
}
