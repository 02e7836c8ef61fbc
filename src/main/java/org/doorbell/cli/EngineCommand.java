package org.doorbell.cli;

import org.doorbell.face.FaceEngine;
import org.doorbell.face.dlib.DlibFaceEngine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A command that opens a face engine from the config file and the detector options. */
abstract class EngineCommand {
    @ParentCommand
    DoorbellCli root;

    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engineOptions;

    /** A new engine; the caller closes it. */
    FaceEngine openEngine() {
        return DlibFaceEngine.open(engineOptions.apply(root.faceSettings()));
    }
}
