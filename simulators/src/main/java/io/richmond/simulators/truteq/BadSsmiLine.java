package io.richmond.simulators.truteq;

/** A line from a client that is not an SSMI command; it is answered with a NACK and the connection is kept. */
final class BadSsmiLine extends Exception {

    private static final long serialVersionUID = 1L;

    private final Nack nack;

    BadSsmiLine(Nack nack, String reason) {
        super(reason, null, false, false);
        this.nack = nack;
    }

    Nack nack() {
        return nack;
    }
}
