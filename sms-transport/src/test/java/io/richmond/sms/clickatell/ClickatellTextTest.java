package io.richmond.sms.clickatell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GSM 03.38 text goes as is; anything else as UCS-2 hex; long texts in parts. */
class ClickatellTextTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            hello world     | 1 | false | hello world
            Zoé £5 @ home   | 1 | false | Zoé £5 @ home
            Zoë 你好         | 1 | true  | 005A006F00EB00204F60597D
            """)
    void encoding(String content, int parts, boolean unicode, String text) {
        ClickatellText encoded = ClickatellText.of(content.strip());

        assertThat(encoded.unicode()).isEqualTo(unicode);
        assertThat(encoded.text()).isEqualTo(text);
        assertThat(encoded.parts()).isEqualTo(parts);
    }

    @ParameterizedTest
    @CsvSource({"160, 1", "161, 2", "306, 2", "307, 3", "1530, 10", "1531, 11"})
    void gsmParts(int length, int parts) {
        assertThat(ClickatellText.of("a".repeat(length)).parts()).isEqualTo(parts);
    }

    @ParameterizedTest
    @CsvSource({"70, 1", "71, 2", "134, 2", "135, 3", "670, 10", "671, 11"})
    void ucs2Parts(int length, int parts) {
        assertThat(ClickatellText.of("你".repeat(length)).parts()).isEqualTo(parts);
    }

    @ParameterizedTest
    @CsvSource({"80, 1", "81, 2"})
    void extensionCharactersTakeTwoSeptets(int count, int parts) {
        assertThat(ClickatellText.of("€".repeat(count)).parts()).isEqualTo(parts);
    }
}
