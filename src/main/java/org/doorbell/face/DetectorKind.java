package org.doorbell.face;

import java.util.Locale;

/** Which dlib face detector to run. */
public enum DetectorKind {
    /** HOG + linear SVM: fast on a CPU, frontal faces. */
    HOG,
    /** CNN (MMOD): finds more poses and smaller faces; needs a GPU to be quick. */
    CNN;

    public static DetectorKind parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
