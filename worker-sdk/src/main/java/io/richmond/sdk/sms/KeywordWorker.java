package io.richmond.sdk.sms;

import io.richmond.sdk.message.UserMessage;
import io.richmond.sdk.worker.Outbox;
import io.richmond.sdk.worker.Worker;
import io.richmond.sdk.worker.WorkerSettings;

/**
 * A worker for the SMS of a keyword ({@code keyword.<keyword>}), answering them with {@link #reply}:
 *
 * <pre>{@code
 * public class Entries extends KeywordWorker {
 *     protected void received(UserMessage sms) {
 *         reply(sms, "Thanks for your entry");
 *     }
 * }
 * }</pre>
 */
public abstract class KeywordWorker implements Worker {

    private final SmsReplies replies;
    /** The outbox of the message this thread is handling: what {@link #reply} publishes on. */
    private final ThreadLocal<Outbox> current = new ThreadLocal<>();

    protected KeywordWorker() {
        this(new SmsReplies());
    }

    /** Replies go where {@code worker.sms-replies} says (see {@link SmsReplies#from}). */
    protected KeywordWorker(WorkerSettings settings) {
        this(SmsReplies.from(settings));
    }

    private KeywordWorker(SmsReplies replies) {
        this.replies = replies;
    }

    /** Handles one SMS; {@link KeywordSms#of} tells its keyword and account. */
    protected abstract void received(UserMessage sms) throws Exception;

    @Override
    public final void handle(UserMessage message, Outbox outbox) throws Exception {
        current.set(outbox);
        try {
            received(message);
        } finally {
            current.remove();
        }
    }

    /** Answers {@code sms}, the message being handled, from within {@link #received}. */
    protected final void reply(UserMessage sms, String text) {
        Outbox outbox = current.get();
        if (outbox == null) {
            throw new IllegalStateException("no SMS is being handled on this thread: reply from within received()");
        }
        replies.reply(outbox, sms, text);
    }
}
