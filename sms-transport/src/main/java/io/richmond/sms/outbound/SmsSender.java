package io.richmond.sms.outbound;

import io.richmond.sdk.message.UserMessage;

/** Sends one SMS to a provider; blocks for the HTTP call, so callers run it on many threads. */
@FunctionalInterface
public interface SmsSender {

    /** Never throws for what the provider or the network did: that is an outcome. */
    SendOutcome send(UserMessage message);
}
