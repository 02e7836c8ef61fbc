package org.doorbell.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.doorbell.appliance.ModelFingerprint;
import org.doorbell.config.ConfigLoader;
import org.doorbell.config.DoorbellConfig;
import org.doorbell.face.FaceEngine;
import org.doorbell.face.dlib.DlibFaceEngine;
import org.doorbell.replay.Replay;
import org.doorbell.visitors.VisitorStore;
import org.doorbell.visitors.store.VisitorStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code doorbell replay}: the appliance's recognition on a list of timed snapshots. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Run the appliance's recognition (detection, tracking, identity, visits, store) on still images "
                + "as frames captured at given times, without camera or screen.",
                "LIST holds lines \"<ISO-8601 time> <image path>\" in time order; blank lines and # comments are ignored; "
                        + "relative paths are relative to LIST's folder."})
final class ReplayCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    DoorbellCli root;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "One JSON object per image and line: {\"file\", \"time\", \"faces\": "
            + "[{\"box\": [top, right, bottom, left], \"visitor\", \"new\", \"label\"}]}.")
    boolean json;

    @Option(names = "--store", paramLabel = "FILE", description = "Known-visitor store (default: from the config file).")
    Path store;

    @Parameters(paramLabel = "LIST")
    Path list;

    @Override
    public Integer call() throws Exception {
        DoorbellConfig config = new ConfigLoader().load(root.config);
        List<Replay.Entry> entries;
        try {
            entries = Replay.parse(list);
        } catch (java.io.IOException e) {
            spec.commandLine().getErr().println("doorbell: cannot read " + list + ": " + e.getMessage());
            return picocli.CommandLine.ExitCode.USAGE;
        }
        Path storeFile = store != null ? store : config.store();
        PrintWriter out = spec.commandLine().getOut();
        try (FaceEngine engine = DlibFaceEngine.open(config.faces());
             VisitorStore visitorStore = VisitorStores.open(storeFile,
                     ModelFingerprint.of(config.faces().models().recognition()))) {
            Replay replay = new Replay(engine, visitorStore, config.visitors(), config.recognition());
            int failed = replay.run(entries, r -> {
                out.println(json ? jsonLine(r) : textLine(r));
                out.flush();
            });
            return failed == 0 ? 0 : DoorbellCli.EXIT_SOME_FAILED;
        }
    }

    static String jsonLine(Replay.Result r) {
        ObjectNode line = JSON.createObjectNode();
        line.put("file", r.entry().file().toString());
        line.put("time", r.entry().time().toString());
        if (r.error() != null) {
            line.put("error", r.error());
            return line.toString();
        }
        ArrayNode faces = line.putArray("faces");
        for (Replay.FaceResult f : r.faces()) {
            ObjectNode o = FaceJson.add(faces, f.box(), f.visitorId());
            o.put("new", f.isNew());
            o.put("label", f.label());
        }
        return line.toString();
    }

    private static String textLine(Replay.Result r) {
        StringBuilder b = new StringBuilder().append(r.entry().time()).append(' ').append(r.entry().file()).append(": ");
        if (r.error() != null) {
            return b.append("error: ").append(r.error()).toString();
        }
        if (r.faces().isEmpty()) {
            return b.append("no face").toString();
        }
        for (int i = 0; i < r.faces().size(); i++) {
            Replay.FaceResult f = r.faces().get(i);
            if (i > 0) {
                b.append("; ");
            }
            if (f.visitorId() == 0) {
                b.append("face not recognisable");
            } else {
                b.append(f.isNew() ? "new visitor #" : "visitor #").append(f.visitorId());
            }
            if (!f.label().isEmpty()) {
                b.append(" (\"").append(f.label()).append("\")");
            }
        }
        return b.toString();
    }
}
