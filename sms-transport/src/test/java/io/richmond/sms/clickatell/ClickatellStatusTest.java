package io.richmond.sms.clickatell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.richmond.sdk.message.Event.DeliveryStatus;
import io.richmond.sms.webhook.ProviderStatus;

/** protocols.md §2.3: every code, its label, Richmond's status and Vumi's delivery status. */
class ClickatellStatusTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            001 | Message unknown                   | SUBMITTED | PENDING
            002 | Message queued                    | SUBMITTED | PENDING
            003 | Delivered to gateway              | SUBMITTED | PENDING
            004 | Received by recipient             | DELIVERED | DELIVERED
            005 | Error with message                | REJECTED  | FAILED
            006 | User cancelled message delivery   | FAILED    | FAILED
            007 | Error delivering message          | FAILED    | FAILED
            008 | OK                                | SUBMITTED | PENDING
            8   | OK                                | SUBMITTED | PENDING
            009 | Routing error                     | REJECTED  | FAILED
            010 | Message expired                   | EXPIRED   | FAILED
            011 | Message queued for later delivery | SUBMITTED | PENDING
            012 | Out of credit                     | REJECTED  | FAILED
            014 | Maximum MT limit exceeded         | REJECTED  | FAILED
            013 | Unknown status 013                | SUBMITTED | PENDING
            """)
    void statusTable(String code, String text, String status, DeliveryStatus deliveryStatus) {
        ProviderStatus meaning = ClickatellStatus.of(code);

        assertThat(meaning.text()).isEqualTo(text);
        assertThat(meaning.status().name()).isEqualTo(status);
        assertThat(meaning.status().deliveryStatus()).isEqualTo(deliveryStatus);
    }
}
