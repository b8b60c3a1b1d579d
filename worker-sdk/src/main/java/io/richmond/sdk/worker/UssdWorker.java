package io.richmond.sdk.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * the session method runs, but not after it has returned. Called from the session method's own thread it answers
 * that method's message even when another message from the same msisdn is being handled at the same time (a
 * redelivery overlapping the user's next answer); from another thread it answers the latest of them.
 */
public abstract class UssdWorker implements Worker {

    /** Set by the USSD transport in {@code transport_metadata} when a close is a network time-out. */
    public static final String SESSION_TIMEOUT = "session_timeout";

    private record Handling(UserMessage message, Outbox outbox) {
    }

    /** The messages being handled, by msisdn, oldest first: what a reply from another thread answers. */
    private final Map<String, List<Handling>> handling = new ConcurrentHashMap<>();
    /** The message this thread is handling: what a reply from the session method's own thread answers. */
    private final ThreadLocal<Handling> current = new ThreadLocal<>();

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
        Handling mine = new Handling(message, outbox);
        handling.merge(msisdn, List.of(mine), UssdWorker::concat);
        current.set(mine);
        try {
            switch (sessionType(message)) {
                case NEW -> newSession(msisdn, message.toAddr());
                case EXISTING -> existingSession(msisdn, text);
                case TIMEOUT -> timedOutSession(msisdn, text);
                case END -> endSession(msisdn, text);
            }
        } finally {
            current.remove();
            // Only this message's entry: another message from the same msisdn may still be in its session method.
            handling.computeIfPresent(msisdn, (key, messages) -> without(messages, mine));
        }
    }

    /**
     * Answers {@code msisdn}: {@link SessionType#EXISTING} keeps the session open for another answer,
     * {@link SessionType#END} closes it with this text.
     */
    protected final void reply(String msisdn, String text, SessionType type) {
        SessionEvent event = switch (Objects.requireNonNull(type, "type")) {
            case EXISTING -> null;
            case END -> SessionEvent.CLOSE;
            case NEW, TIMEOUT -> throw new IllegalArgumentException(
                    "a reply keeps the session open (EXISTING) or ends it (END), not " + type);
        };
        Handling answered = answering(msisdn);
        if (answered == null) {
            throw new IllegalStateException("no message from " + msisdn
                    + " is being handled: reply from within the session method that received it");
        }
        answered.outbox().send(answered.message().reply(text, event));
    }

    private Handling answering(String msisdn) {
        Handling own = current.get();
        if (own != null && own.message().fromAddr().equals(msisdn)) {
            return own;
        }
        List<Handling> messages = handling.get(msisdn);
        return messages == null ? null : messages.get(messages.size() - 1);
    }

    private static List<Handling> concat(List<Handling> first, List<Handling> second) {
        List<Handling> both = new ArrayList<>(first);
        both.addAll(second);
        return List.copyOf(both);
    }

    /** The list without {@code handled}, or null (no entry) when nothing is left. */
    private static List<Handling> without(List<Handling> messages, Handling handled) {
        List<Handling> rest = new ArrayList<>(messages);
        rest.remove(handled);
        return rest.isEmpty() ? null : List.copyOf(rest);
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
