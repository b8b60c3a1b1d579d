package io.richmond.sms.opera;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.richmond.sdk.message.Event.DeliveryStatus;

/** protocols.md §3.2: Vumi's groups of Opera's status letters; any other letter is a failure. */
class OperaStatusTest {

    @ParameterizedTest
    @CsvSource({
            "D, DELIVERED, DELIVERED", "d, DELIVERED, DELIVERED", "R, DELIVERED, DELIVERED",
            "Q, SUBMITTED, PENDING", "P, SUBMITTED, PENDING", "B, SUBMITTED, PENDING", "a, SUBMITTED, PENDING",
            "u, SUBMITTED, PENDING",
            "F, FAILED, FAILED", "X, FAILED, FAILED", "r, FAILED, FAILED"})
    void statusLetters(String letter, String status, DeliveryStatus deliveryStatus) {
        assertThat(OperaStatus.of(letter).status().name()).isEqualTo(status);
        assertThat(OperaStatus.of(letter).status().deliveryStatus()).isEqualTo(deliveryStatus);
    }
}
