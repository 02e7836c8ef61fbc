package org.doorbell.camera;

import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.Gst;

/** Initialises GStreamer once per process. */
final class Gstreamer {
    private static boolean initialised;

    private Gstreamer() {
    }

    static synchronized void init() {
        if (!initialised) {
            if (!Gst.isInitialized()) {
                Gst.init("doorbell");
            }
            initialised = true;
        }
    }

    /** Whether an element of this factory name is installed. */
    static boolean hasElement(String factoryName) {
        init();
        ElementFactory factory = ElementFactory.find(factoryName);
        if (factory == null) {
            return false;
        }
        factory.dispose();
        return true;
    }
}
