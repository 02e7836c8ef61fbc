package org.doorbell.camera;

import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.PluginFeature;
import org.freedesktop.gstreamer.Registry;

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
        PluginFeature feature = Registry.get().lookupFeature(factoryName);
        if (feature == null) {
            return false;
        }
        boolean element = feature instanceof ElementFactory;
        feature.dispose();
        return element;
    }
}
