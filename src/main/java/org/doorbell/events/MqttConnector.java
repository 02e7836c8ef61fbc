package org.doorbell.events;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Makes Paho clients from {@link MqttSettings}: in-memory persistence (nothing written to the
 * working folder), a clean session, the last will {@code offline} on the availability topic, and
 * for {@code ssl://} the CA file's certificates as the only trusted ones (else the JDK's). Also
 * says in a few words why a connection failed, never with the password.
 */
public final class MqttConnector {
    /** How long a connect or a publication may take before it counts as failed. */
    static final int TIMEOUT_SECONDS = 10;

    private final MqttSettings settings;
    private final Topics topics;

    public MqttConnector(MqttSettings settings) {
        this.settings = settings;
        this.topics = new Topics(settings.topicPrefix());
    }

    /** A new, unconnected client with the settings' client id. */
    public MqttClient client() throws MqttException {
        MqttClient c = new MqttClient(settings.broker(), settings.clientId(), new MemoryPersistence());
        c.setTimeToWait(TIMEOUT_SECONDS * 1000L);
        return c;
    }

    /** Connect options: credentials, the last will, TLS. */
    public MqttConnectOptions options() throws IOException, GeneralSecurityException {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setAutomaticReconnect(false);  // MqttPublisher reconnects with its own backoff
        o.setConnectionTimeout(TIMEOUT_SECONDS);
        o.setKeepAliveInterval(30);
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        // Paho counts a QoS 1 publish in flight until its callback thread has handled the PUBACK,
        // which lags behind the synchronous publish's return on a busy machine: with a dozen
        // discovery configs sent at connect, its default limit of 10 refused the connection
        // ("Too many publishes in progress"). Each thread here publishes one message at a time.
        o.setMaxInflight(1000);
        if (settings.username() != null) {
            o.setUserName(settings.username());
        }
        if (settings.password() != null) {
            o.setPassword(settings.password().toCharArray());
        }
        o.setWill(topics.availability(), "offline".getBytes(StandardCharsets.UTF_8), 1, true);
        if (settings.broker().startsWith("ssl://") && settings.caFile() != null) {
            o.setSocketFactory(socketFactory());
        }
        return o;
    }

    private SSLSocketFactory socketFactory() throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        int n = 0;
        try (InputStream in = Files.newInputStream(settings.caFile())) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca" + n++, c);
            }
        }
        if (n == 0) {
            throw new GeneralSecurityException("no certificate in " + settings.caFile());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx.getSocketFactory();
    }

    /** Why a connection or publication failed, in a few words (no password, no stack trace). */
    public static String reason(Throwable e) {
        if (e instanceof MqttException m) {
            switch (m.getReasonCode()) {
                case MqttException.REASON_CODE_FAILED_AUTHENTICATION:
                    return "the broker refused the user name or password";
                case MqttException.REASON_CODE_NOT_AUTHORIZED:
                    return "the broker refused the user name or password (not authorised)";
                case MqttException.REASON_CODE_INVALID_CLIENT_ID:
                    return "the broker refused the client id";
                case MqttException.REASON_CODE_BROKER_UNAVAILABLE:
                    return "the broker is unavailable";
                case MqttException.REASON_CODE_CLIENT_TIMEOUT:
                    return "no answer within " + TIMEOUT_SECONDS + " s";
                default:
                    break;
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            if (root instanceof SSLException || root instanceof ConnectException || root instanceof UnknownHostException) {
                break;
            }
        }
        if (root instanceof UnknownHostException) {
            return "unknown host " + root.getMessage();
        }
        if (root instanceof ConnectException) {
            return "cannot reach it (" + root.getMessage() + ")";
        }
        if (root instanceof SSLException) {
            return "TLS failed: " + root.getMessage();
        }
        if (root instanceof GeneralSecurityException || root instanceof IOException) {
            return root.getClass().getSimpleName() + ": " + root.getMessage();
        }
        String msg = e.getMessage();
        return msg == null ? e.getClass().getSimpleName() : msg;
    }
}
