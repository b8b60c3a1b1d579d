package io.richmond.api.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Which status an SMS may take after which: the rule docs/api.md states. */
class SmsStatusTest {

    @ParameterizedTest
    @EnumSource(SmsStatus.class)
    void eachStatusMayTakeExactlyTheseNext(SmsStatus from) {
        Set<SmsStatus> allowed = switch (from) {
            case QUEUED -> EnumSet.allOf(SmsStatus.class);
            case SUBMITTED -> EnumSet.complementOf(EnumSet.of(SmsStatus.QUEUED));
            case DELIVERED -> EnumSet.of(SmsStatus.DELIVERED);
            case FAILED, REJECTED, EXPIRED -> EnumSet.of(from, SmsStatus.DELIVERED);
        };

        for (SmsStatus next : SmsStatus.values()) {
            assertThat(from.mayBecome(next)).as("%s -> %s", from, next).isEqualTo(allowed.contains(next));
        }
    }
}
