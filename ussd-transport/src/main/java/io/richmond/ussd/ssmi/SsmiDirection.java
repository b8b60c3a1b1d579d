package io.richmond.ussd.ssmi;

/**
 * Which way a line travels. Command ids are numbered per direction ({@code 110} is a USSD send from the client but a
 * USSD message from the server), so a line can only be parsed knowing its direction.
 */
public enum SsmiDirection {
    CLIENT_TO_SERVER,
    SERVER_TO_CLIENT
}
