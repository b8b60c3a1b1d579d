package io.richmond.workers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.richmond.sdk.worker.SessionType;
import io.richmond.sdk.worker.UssdWorker;

/** The original Richmond README's example: greets every new session and echoes each answer until the user sends 0. */
public class EchoWorker extends UssdWorker {

    static final String GREETING =
            "Hello, this is an echo service for testing. Reply with whatever. Reply '0' to end session.";
    static final String GOODBYE = "quitting, goodbye!";

    private static final Logger log = LoggerFactory.getLogger(EchoWorker.class);

    @Override
    protected void newSession(String msisdn, String ussdCode) {
        reply(msisdn, GREETING, SessionType.EXISTING);
    }

    @Override
    protected void existingSession(String msisdn, String message) {
        if (message.equals("0")) {
            reply(msisdn, GOODBYE, SessionType.END);
        } else {
            reply(msisdn, message, SessionType.EXISTING);
        }
    }

    @Override
    protected void timedOutSession(String msisdn, String message) {
        log.info("{} timed out, removing client", msisdn);
    }

    @Override
    protected void endSession(String msisdn, String message) {
        log.info("{} ended the session, removing client", msisdn);
    }
}
