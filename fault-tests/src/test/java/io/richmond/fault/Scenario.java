package io.richmond.fault;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.assertj.core.api.SoftAssertions;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One fault under load, from start to count: the load runs, the fault is injected and held, then put right; the
 * load goes on until Richmond is seen working again, stops, and the {@link Tally} counts what became of everything
 * accepted. Every phase has a deadline.
 */
final class Scenario {

    /** When a held fault has lasted long enough. */
    interface Hold {
        boolean over(SteadyLoad load, int attemptsSinceInject, Duration sinceInject);
    }

    private static final Duration PHASE_DEADLINE = Duration.ofSeconds(90);
    private static final int SMS_BEFORE_FAULT = 10;
    private static final int SMS_AFTER_RECOVERY = 10;

    private Scenario() {
    }

    static void run(Richmond richmond, String name, Fault fault, Hold hold) throws Exception {
        long started = System.nanoTime();
        SteadyLoad load = SteadyLoad.start(richmond, name);
        List<Tally.Leg> legs;
        ConditionTimeoutException stalled = null;
        try {
            await(name + ": the load gets going").atMost(PHASE_DEADLINE)
                    .until(() -> load.smsAccepted().size() >= SMS_BEFORE_FAULT);
            int attemptsAtInject = load.attempts();
            long injected = System.nanoTime();
            try {
                fault.inject();
                await(name + ": the fault held under load").atMost(PHASE_DEADLINE)
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> hold.over(load, load.attempts() - attemptsAtInject,
                                Duration.ofNanos(System.nanoTime() - injected)));
            } finally {
                fault.recover();
            }
            long recovered = System.nanoTime();
            int acceptedAtRecovery = load.smsAccepted().size();
            try {
                await(name + ": SMS and USSD go on after the recovery").atMost(PHASE_DEADLINE)
                        .until(() -> load.smsAccepted().size() >= acceptedAtRecovery + SMS_AFTER_RECOVERY
                                && load.ussdSessions().stream().anyMatch(session -> session.startedNanos()
                                        > recovered && session.outcome() == SteadyLoad.UssdOutcome.COMPLETED));
            } catch (ConditionTimeoutException e) {
                // Counted all the same: what was accepted before the stall must not be lost either.
                stalled = e;
            }
            load.stop();
            legs = new Tally(richmond, load, recovered).settle();
        } finally {
            load.close();
        }
        Duration wallTime = Duration.ofNanos(System.nanoTime() - started);
        Tally.report(name, wallTime, load.failedAttempts(), legs);
        SoftAssertions softly = new SoftAssertions();
        for (Tally.Leg leg : legs) {
            softly.assertThat(leg.lost()).as("%s: %s lost (%s)", name, leg.name(), leg).isZero();
            softly.assertThat(leg.accepted()).as("%s: %s accepted", name, leg.name()).isPositive();
        }
        softly.assertThat(load.unexpectedAnswers()).as(name + ": client errors answered for a fault").isEmpty();
        softly.assertThat(stalled).as(name + ": Richmond working again after the recovery").isNull();
        softly.assertAll();
    }

    /** A fault held until the load has made {@code attempts} requests and sessions into it. */
    static Hold forAttempts(int attempts) {
        return (load, attemptsSinceInject, sinceInject) -> attemptsSinceInject >= attempts;
    }
}
