package io.richmond.sdk.worker;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.richmond.sdk.message.SessionEvent;
import io.richmond.sdk.message.UserMessage;

/**
 * The Java form of the original Richmond USSD consumer: one method per session state, and {@link #reply}.
 *
 * <pre>{@code
 * public class EchoWorker extends UssdWorker {
 *     protected void newSession(String msisdn, String ussdCode) {
 *         reply(msisdn, "Hello! Reply with whatever, or 0 to end.", SessionType.EXISTING);
 *     }
 *     protected void existingSession(String msisdn, String message) {
 *         reply(msisdn, message, SessionType.EXISTING);
 *     }
 * }
 * }</pre>
 *
 * <p>{@code reply} answers the message being handled for that msisdn, so it may be called from any thread while
 * the session method runs, but not after it has returned.
 */
public abstract class UssdWorker implements Worker {

    /** Set by the USSD transport in {@code transport_metadata} when a close is a network time-out. */
    public static final String SESSION_TIMEOUT = "session_timeout";

    private record Handling(UserMessage message, Outbox outbox) {
    }

    private final Map<String, Handling> handling = new ConcurrentHashMap<>();

    /** The user dialled {@code ussdCode}, for example {@code *120#}. */
    protected abstract void newSession(String msisdn, String ussdCode) throws Exception;

    /** The user answered {@code message} in a session that is still open. */
    protected abstract void existingSession(String msisdn, String message) throws Exception;

    /** The network ended the session because the user did not answer in time. */
    protected void timedOutSession(String msisdn, String message) throws Exception {
    }

    /** The user or the network ended the session. */
    protected void endSession(String msisdn, String message) throws Exception {
    }

    @Override
    public final void handle(UserMessage message, Outbox outbox) throws Exception {
        String msisdn = message.fromAddr();
        String text = message.content() == null ? "" : message.content();
        handling.put(msisdn, new Handling(message, outbox));
        try {
            switch (sessionType(message)) {
                case NEW -> newSession(msisdn, message.toAddr());
                case EXISTING -> existingSession(msisdn, text);
                case TIMEOUT -> timedOutSession(msisdn, text);
                case END -> endSession(msisdn, text);
            }
        } finally {
            handling.remove(msisdn);
        }
    }

    /**
     * Answers {@code msisdn}: {@link SessionType#EXISTING} keeps the session open for another answer,
     * {@link SessionType#END} closes it with this text.
     */
    protected final void reply(String msisdn, String text, SessionType type) {
        SessionEvent event = switch (type) {
            case EXISTING -> null;
            case END -> SessionEvent.CLOSE;
            case NEW, TIMEOUT -> throw new IllegalArgumentException(
                    "a reply keeps the session open (EXISTING) or ends it (END), not " + type);
        };
        Handling current = handling.get(msisdn);
        if (current == null) {
            throw new IllegalStateException("no message from " + msisdn
                    + " is being handled: reply from within the session method that received it");
        }
        current.outbox().send(current.message().reply(text, event));
    }

    static SessionType sessionType(UserMessage message) {
        SessionEvent event = message.sessionEvent();
        if (event == null || event == SessionEvent.RESUME) {
            return SessionType.EXISTING;
        }
        if (event == SessionEvent.NEW) {
            return SessionType.NEW;
        }
        return Boolean.TRUE.equals(message.transportMetadata().get(SESSION_TIMEOUT))
                ? SessionType.TIMEOUT : SessionType.END;
    }
}
