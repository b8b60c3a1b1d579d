package io.richmond.sms.outbound;

/** What a provider made of one send. */
public sealed interface SendOutcome {

    /** The provider took the message and knows it as {@code providerMessageId}. */
    record Accepted(String providerMessageId) implements SendOutcome {
    }

    /** The provider refused the message for a reason that sending it again cannot change. */
    record Rejected(String reason) implements SendOutcome {
    }

    /** The send failed for a reason that may pass (timeout, connection error, 5xx, XML-RPC fault). */
    record Temporary(String reason) implements SendOutcome {
    }
}
