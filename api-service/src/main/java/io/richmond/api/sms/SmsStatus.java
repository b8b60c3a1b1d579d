package io.richmond.api.sms;

import java.util.Locale;

/**
 * Where an SMS is, whatever its provider calls it: {@code queued}, then {@code submitted}, then one of the final
 * statuses. Nothing moves back to {@code queued} or {@code submitted}. {@code delivered} is terminal; the other final
 * statuses ({@code failed}, {@code rejected}, {@code expired}) may still become {@code delivered}, because a
 * provider's delivered receipt is the strongest evidence that the phone got the SMS, while a failure may be early,
 * wrong or forged.
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

    /**
     * Whether an SMS in this status may take {@code next}: the same again, a later status before a final one, and
     * {@code delivered} after any final status.
     */
    public boolean mayBecome(SmsStatus next) {
        if (next == this) {
            return true;
        }
        return isFinal() ? next == DELIVERED : next.rank > rank;
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
