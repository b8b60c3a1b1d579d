package io.richmond.api.sms;

/** Which resource a send request came to: part of what its Idempotency-Key stands for. */
public enum SendOperation {
    SEND, TEMPLATE_SEND
}
