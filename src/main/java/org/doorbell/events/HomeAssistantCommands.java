package org.doorbell.events;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.doorbell.visitors.VisitorEditor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The owner's corrections from Home Assistant: "Name the last visitor" (a {@code text} entity,
 * whose value arrives on {@code PREFIX/command/name}) and "Forget the last visitor" (a
 * {@code button}, {@code PRESS} on {@code PREFIX/command/forget}). "The last visitor" is the
 * visitor of the latest {@code new_visitor} or {@code known_visitor} event. Each command is carried
 * out by the appliance's {@link VisitorEditor}, as the screen's and the command line's corrections
 * are: one transaction, and the running appliance's visitors updated at once, so the next events
 * carry the name.
 * <p>
 * Commands come only over the publisher's own connection, to the configured broker with the
 * configured credentials; a retained (old) one is ignored. A command that cannot be carried out
 * (not UTF-8, a name too long, no visitor yet, a button payload other than {@code PRESS}) is one
 * WARN line and changes nothing. The edits run on a thread of their own ("ha-commands"), never on
 * the MQTT client's.
 */
public final class HomeAssistantCommands implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HomeAssistantCommands.class);
    /** The button's payload. */
    public static final String PRESS = "PRESS";
    static final int WAITING = 64;

    private final VisitorEditor editor;
    private final Supplier<Optional<Long>> lastVisitor;
    private final Topics topics;
    private final ThreadPoolExecutor thread;

    /**
     * @param editor      the running appliance's corrections
     * @param lastVisitor the visitor of the latest arrival event ({@link DoorEvents#lastEventVisitor})
     */
    public HomeAssistantCommands(VisitorEditor editor, Supplier<Optional<Long>> lastVisitor, Topics topics) {
        this.editor = editor;
        this.lastVisitor = lastVisitor;
        this.topics = topics;
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(WAITING), r -> {
            Thread t = new Thread(r, "ha-commands");
            t.setDaemon(true);
            return t;
        });
    }

    /** Subscribes to the command topics on the publisher's connection. */
    public void subscribe(MqttPublisher publisher) {
        publisher.subscribe(topics.nameCommand(), this::name);
        publisher.subscribe(topics.forgetCommand(), this::forget);
    }

    /** "Name the last visitor": the payload is the name ("" removes it). */
    void name(byte[] payload) {
        String name;
        try {
            name = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload)).toString();
        } catch (CharacterCodingException e) {
            ignored(topics.nameCommand(), "not UTF-8 text");
            return;
        }
        run(topics.nameCommand(), id -> editor.rename(id, name));
    }

    /** "Forget the last visitor": the payload is {@code PRESS}. */
    void forget(byte[] payload) {
        if (!PRESS.equals(new String(payload, StandardCharsets.UTF_8))) {
            ignored(topics.forgetCommand(), "expected " + PRESS + ", got " + payload.length + " bytes");
            return;
        }
        run(topics.forgetCommand(), editor::forget);
    }

    private interface Edit {
        VisitorEditor.Outcome apply(long visitorId) throws IOException;
    }

    private void run(String topic, Edit edit) {
        try {
            thread.execute(() -> {
                Optional<Long> id = lastVisitor.get();
                if (id.isEmpty()) {
                    ignored(topic, "no visitor has come yet");
                    return;
                }
                try {
                    VisitorEditor.Outcome outcome = edit.apply(id.get());
                    if (outcome.done()) {
                        log.info("Home Assistant: {}", outcome.message());
                    } else {
                        ignored(topic, outcome.message());
                    }
                } catch (IOException | RuntimeException e) {
                    ignored(topic, "the store failed: " + e.getMessage());
                }
            });
        } catch (RejectedExecutionException busy) {
            ignored(topic, WAITING + " commands are waiting already");
        }
    }

    private static void ignored(String topic, String why) {
        log.warn("Home Assistant: ignored the command on {}: {}", topic, why);
    }

    /** Lets the commands under way finish (for up to 3 s). */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
