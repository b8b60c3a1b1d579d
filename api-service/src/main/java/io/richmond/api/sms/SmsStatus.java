package io.richmond.api.sms;

import java.util.Locale;

/**
 * Where an SMS is, whatever its provider calls it. The order only goes forward: {@code queued}, then
 * {@code submitted}, then one of the final statuses, which nothing changes again.
 */
public enum SmsStatus {
    QUEUED(0), SUBMITTED(1), DELIVERED(2), FAILED(2), REJECTED(2), EXPIRED(2);

    private final int rank;

    SmsStatus(int rank) {
        this.rank = rank;
    }

    public boolean isFinal() {
        return rank == 2;
    }

    /** Whether an SMS in this status may take {@code next}: later is fine, the same again too, earlier never. */
    public boolean mayBecome(SmsStatus next) {
        return isFinal() ? next == this : next.rank >= rank;
    }

    /** As in JSON and on the bus: lower case. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for a value that is none of them */
    public static SmsStatus of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
