package io.richmond.workers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.richmond.sdk.message.UserMessage;
import io.richmond.sdk.sms.KeywordSms;
import io.richmond.sdk.sms.KeywordWorker;
import io.richmond.sdk.worker.WorkerSettings;

/**
 * Answers every SMS of a keyword ({@code keyword.<keyword>}) with the same text: a competition's entries, say.
 * {@code worker.reply} sets the text; {@code worker.sms-replies} the replies' routing key.
 */
public class AutoReplyWorker extends KeywordWorker {

    static final String DEFAULT_REPLY = "Thanks for your entry";

    private static final Logger log = LoggerFactory.getLogger(AutoReplyWorker.class);

    private final String text;

    public AutoReplyWorker(WorkerSettings settings) {
        super(settings);
        this.text = settings.get("reply", DEFAULT_REPLY);
    }

    @Override
    protected void received(UserMessage sms) {
        KeywordSms.of(sms).ifPresent(entry -> log.info("entry {} for '{}' from {}", entry.receivedSmsId(),
                entry.keyword(), sms.fromAddr()));
        reply(sms, text);
    }
}
