package io.richmond.sdk.worker;

/** Where a USSD session stands, as the original Richmond workers saw it. */
public enum SessionType {
    /** The user dialled the service code. */
    NEW,
    /** The user answered; as a reply type: keep the session open for the next answer. */
    EXISTING,
    /** The session ended; as a reply type: the final message, which closes the session. */
    END,
    /** The network gave up waiting for the user. */
    TIMEOUT
}
