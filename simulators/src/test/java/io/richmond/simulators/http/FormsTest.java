package io.richmond.simulators.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormsTest {

    @Test
    void encodesAndDecodesInOrder() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("text", "hello, w\u00f6rld & more = +");
        form.put("udh", "");
        form.put("to", "27123456789");

        String encoded = Forms.encode(form);

        assertThat(encoded).startsWith("text=hello%2C+w%C3%B6rld+%26+more+%3D+%2B&udh=&to=");
        assertThat(Forms.decode(encoded, StandardCharsets.UTF_8)).containsExactlyEntriesOf(form);
    }

    @Test
    void theFirstOfARepeatedNameWinsAndEmptyPairsAreSkipped() {
        assertThat(Forms.decode("to=1&&to=2&flag", StandardCharsets.UTF_8))
                .containsExactly(Map.entry("to", "1"), Map.entry("flag", ""));
    }

    @Test
    void aBrokenPercentEncodingNamesTheParameter() {
        assertThatThrownBy(() -> Forms.decode("to=1&text=%g1", StandardCharsets.UTF_8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("text=%g1");
    }
}
