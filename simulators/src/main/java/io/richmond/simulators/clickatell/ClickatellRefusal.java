package io.richmond.simulators.clickatell;

/** Ends a call to the fake Clickatell with an {@code ERR:} answer. */
final class ClickatellRefusal extends Exception {

    private static final long serialVersionUID = 1L;

    private final ClickatellError error;

    ClickatellRefusal(ClickatellError error, String detail) {
        super(detail, null, false, false);
        this.error = error;
    }

    ClickatellError error() {
        return error;
    }
}
