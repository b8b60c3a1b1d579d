package io.richmond.simulators.clickatell;

/** The errors the fake Clickatell answers, with the codes and texts of Clickatell's HTTP API (protocols.md §2.1). */
enum ClickatellError {
    AUTHENTICATION_FAILED("001", "Authentication failed"),
    SESSION_EXPIRED("003", "Session ID expired"),
    MISSING_SESSION_ID("005", "Missing session ID"),
    INVALID_PARAMETERS("101", "Invalid or missing parameters"),
    INVALID_DESTINATION("105", "Invalid destination address"),
    INVALID_SOURCE("106", "Invalid source address"),
    EMPTY_MESSAGE("107", "Empty message"),
    INVALID_API_ID("108", "Invalid or missing API ID"),
    INVALID_UNICODE("116", "Invalid Unicode data");

    private final String code;
    private final String text;

    ClickatellError(String code, String text) {
        this.code = code;
        this.text = text;
    }

    /** The answer line, {@code ERR: 105, Invalid destination address}. */
    String answer() {
        return "ERR: " + code + ", " + text;
    }
}
