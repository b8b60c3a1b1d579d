package io.richmond.simulators.truteq;

/**
 * A USSD session between a simulated phone and the gateway.
 *
 * @param number    how the console names it: 1, 2, ...
 * @param code      the dialled code, or {@code ""} for a session the gateway started (a push)
 * @param sessionId TruTeq's id for it, in the genfields of every message
 */
record UssdSession(int number, String msisdn, String code, String sessionId) {

    /** {@code session 1, 27820000001 on *120#}. */
    String describe() {
        return "session " + number + ", " + msisdn + (code.isEmpty() ? " (pushed)" : " on " + code);
    }
}
