package io.richmond.simulators.http;

/** A request the fake providers answer with an HTTP error status instead of the provider's own answer. */
public final class HttpProblem extends Exception {

    private static final long serialVersionUID = 1L;

    private final int status;

    public HttpProblem(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
