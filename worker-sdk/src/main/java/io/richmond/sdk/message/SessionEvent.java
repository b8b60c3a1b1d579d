package io.richmond.sdk.message;

/**
 * A user message's place in a session (USSD). No session event (continue the session, or no session at all) is a
 * Java {@code null}, as it is a JSON {@code null} in Vumi. Written in JSON in lower case.
 */
public enum SessionEvent {
    NEW, RESUME, CLOSE
}
