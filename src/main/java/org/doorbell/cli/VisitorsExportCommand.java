package org.doorbell.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import org.doorbell.visitors.FaceSample;
import org.doorbell.visitors.StoreException;
import org.doorbell.visitors.Visitor;
import org.doorbell.visitors.store.VisitorStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code doorbell visitors export DIR}: everything the store holds about each visitor, for the
 * owner: {@code DIR/visitor-ID.json} (times, counts, name, links and the gallery with its 128-D
 * encodings) and {@code DIR/visitor-ID.jpg} (the best picture). Reads the store only, one
 * visitor's picture at a time (100,000 visitors' pictures would not fit the service's heap); the
 * folder and files are owner-only, since they hold faces.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write each visitor's data (JSON) and best picture (JPEG) into a folder, for the owner.")
final class VisitorsExportCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @ParentCommand
    VisitorsCommand parent;

    @Option(names = "--store", paramLabel = "FILE",
            description = "Visitor store database (default: store.path from the config file).")
    Path store;

    @Parameters(paramLabel = "DIR", description = "Folder to write into (created if missing).")
    Path dir;

    @Override
    public Integer call() {
        int[] exported = {0};
        try {
            // one visitor's picture at a time: read from the store as it is written out
            VisitorStores.readAny(store != null ? store : parent.storeFile(), visitors -> {
                createPrivateFolder(dir);
                for (Visitor v : visitors) {
                    writePrivate(dir.resolve("visitor-" + v.id() + ".json"), JSON.writeValueAsBytes(json(v)));
                    writePrivate(dir.resolve("visitor-" + v.id() + ".jpg"), v.picture());
                    exported[0]++;
                }
            });
        } catch (StoreException | java.io.UncheckedIOException e) {
            Throwable why = e instanceof java.io.UncheckedIOException ? e.getCause() : e;
            spec.commandLine().getErr().println("doorbell: " + why.getMessage());
            spec.commandLine().getErr().flush();
            return DoorbellCli.EXIT_SETUP;
        } catch (IOException e) {
            spec.commandLine().getErr().println("doorbell: cannot write " + dir + ": " + e.getMessage());
            spec.commandLine().getErr().flush();
            return DoorbellCli.EXIT_SOME_FAILED;
        }
        spec.commandLine().getOut().println("Exported " + exported[0] + " visitors to " + dir);
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static ObjectNode json(Visitor v) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", v.id());
        o.put("name", v.name());
        o.put("first_seen", v.firstSeen().toString());
        o.put("last_seen", v.lastSeen().toString());
        o.put("visit_start", v.firstSeenThisInteraction().toString());
        o.put("visits", v.visits());
        o.put("seen_frames", v.seenFrames());
        ArrayNode notSame = o.putArray("not_same");
        v.notSame().stream().sorted().forEach(notSame::add);
        o.put("picture", "visitor-" + v.id() + ".jpg");
        ArrayNode samples = o.putArray("samples");
        for (FaceSample s : v.samples()) {
            ObjectNode sample = samples.addObject();
            sample.put("seen_at", s.seenAt().toString());
            sample.put("quality", s.quality());
            ArrayNode encoding = sample.putArray("encoding");
            for (double x : s.encoding().toArray()) {
                encoding.add(x);
            }
        }
        return o;
    }

    private static void createPrivateFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
        }
        if (posix(dir)) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /**
     * Whether the file system has POSIX permissions (asked of the file system, not of the mount:
     * a chroot without /proc has no mount table).
     */
    private static boolean posix(Path near) {
        return near.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Writes the file, owner-only from its creation where the file system has POSIX permissions. */
    private static void writePrivate(Path file, byte[] bytes) throws IOException {
        Files.deleteIfExists(file);
        java.util.Set<java.nio.file.OpenOption> options = java.util.Set.of(java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE);
        try (java.nio.channels.SeekableByteChannel out = posix(file)
                ? Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.newByteChannel(file, options)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        }
    }
}
