package org.doorbell.visitors;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** File helpers of the visitor store: owner-only creation and moving files aside under a dated name. */
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
        for (int n = 0; ; n++) {
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
            return target;
        }
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
