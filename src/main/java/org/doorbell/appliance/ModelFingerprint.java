package org.doorbell.appliance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names the face model that produced a store's encodings (file name and the start of its SHA-256),
 * so that encodings from different models are never compared.
 */
public final class ModelFingerprint {
    private ModelFingerprint() {
    }

    public static String of(Path modelFile) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(modelFile), MessageDigest.getInstance("SHA-256"))) {
            byte[] buf = new byte[1 << 16];
            while (in.read(buf) >= 0) {
                // digesting
            }
            byte[] digest = ((DigestInputStream) in).getMessageDigest().digest();
            return modelFile.getFileName() + ":" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
