package io.richmond.ussd.ssmi;

import java.time.Duration;

/** Durations for log lines: "4 s" or "250 ms" rather than ISO-8601 "PT4S". */
final class Durations {

    private Durations() {
    }

    static String describe(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
