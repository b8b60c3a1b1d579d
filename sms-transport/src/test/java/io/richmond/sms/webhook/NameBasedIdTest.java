package io.richmond.sms.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameBasedIdTest {

    @Test
    void theSameNameGivesTheSameIdOf32HexDigits() {
        assertThat(NameBasedId.of("delivery_report", "clickatell", "abc", "004", "2008-08-06 07:30:14"))
                .matches("[0-9a-f]{32}")
                .isEqualTo(NameBasedId.of("delivery_report", "clickatell", "abc", "004", "2008-08-06 07:30:14"));
    }

    @Test
    void anyDifferencePartsOrKindGivesAnotherId() {
        String id = NameBasedId.of("delivery_report", "clickatell", "abc", "004", null);

        assertThat(id)
                .isNotEqualTo(NameBasedId.of("delivery_report", "clickatell", "abc", "003", null))
                .isNotEqualTo(NameBasedId.of("delivery_report", "opera", "abc", "004", null))
                .isNotEqualTo(NameBasedId.of("delivery_report", "clickatell", "abc", "004", ""))
                .isNotEqualTo(NameBasedId.of("user_message", "clickatell", "abc", "004", null));
    }

    @Test
    void partsCannotBeShiftedIntoEachOther() {
        assertThat(NameBasedId.of("k", "ab", "c")).isNotEqualTo(NameBasedId.of("k", "a", "bc"));
        assertThat(NameBasedId.of("k", "a|1:b")).isNotEqualTo(NameBasedId.of("k", "a", "b"));
        assertThat(NameBasedId.of("k", "-")).isNotEqualTo(NameBasedId.of("k", (String) null));
    }
}
