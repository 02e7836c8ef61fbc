package org.doorbell.cli;

import org.doorbell.face.DetectorKind;
import org.doorbell.face.FaceSettings;
import picocli.CommandLine.Option;

/** Detector options shared by the commands that find faces; they override the config file. */
final class EngineOptions {
    @Option(names = "--detector", paramLabel = "hog|cnn", converter = DetectorConverter.class,
            description = "Face detector (default: from the config file, normally hog).")
    DetectorKind detector;

    @Option(names = "--upsample", paramLabel = "N",
            description = "Double the image N times before detection, to find small faces (0-3).")
    Integer upsample;

    FaceSettings apply(FaceSettings base) {
        FaceSettings s = base;
        if (detector != null) {
            s = s.withDetector(detector);
        }
        if (upsample != null) {
            s = s.withUpsample(upsample);
        }
        return s;
    }

    static final class DetectorConverter implements picocli.CommandLine.ITypeConverter<DetectorKind> {
        @Override
        public DetectorKind convert(String value) {
            try {
                return DetectorKind.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("expected hog or cnn, got '" + value + "'");
            }
        }
    }
}
