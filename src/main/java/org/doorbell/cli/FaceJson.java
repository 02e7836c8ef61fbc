package org.doorbell.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.doorbell.face.FaceBox;

/** One face as {@code run --json} and {@code replay --json} write it: box, visitor (or null), label. */
final class FaceJson {
    private FaceJson() {
    }

    /** Adds {@code {"box": [top, right, bottom, left], "visitor": ID or null}} to {@code faces}; the caller adds the rest. */
    static ObjectNode add(ArrayNode faces, FaceBox box, long visitorId) {
        ObjectNode o = faces.addObject();
        ArrayNode b = o.putArray("box");
        for (int v : box.toArray()) {
            b.add(v);
        }
        if (visitorId > 0) {
            o.put("visitor", visitorId);
        } else {
            o.putNull("visitor");
        }
        return o;
    }
}
