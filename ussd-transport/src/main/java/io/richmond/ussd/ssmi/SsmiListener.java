package io.richmond.ussd.ssmi;

/**
 * What an {@link SsmiClient} reports. All methods are called on the client's single I/O thread, in order: they
 * must not block (hand slow work to another executor), or every connection event and inbound line waits behind
 * them. An exception thrown here is logged and otherwise ignored.
 */
public interface SsmiListener {

    /** TruTeq accepted the login ({@code SSMI,101,1}); {@link SsmiClient#send} works from now on. */
    void loggedIn();

    /**
     * The connection closed after {@link #loggedIn()}, or after TruTeq refused the login. The client reconnects on
     * its own unless it was closed.
     */
    void disconnected();

    /**
     * A command from TruTeq. Not called for the ACKs and NACKs the client handles itself: the login answer and
     * link check responses.
     */
    void received(SsmiCommand command);
}
