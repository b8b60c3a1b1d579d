package io.richmond.sms.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.richmond.testsupport.RandomInputs;

/** Any url-encoded text decodes to parameters or is refused with a 400, never anything else. */
class FormDataPropertiesTest {

    private static final List<Charset> FALLBACKS =
            List.of(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1, StandardCharsets.UTF_16);
    private static final List<String> NAMES = List.of("text", "charset", "data", "apiMsgId", "XmlMsg");
    private static final List<String> ODD_VALUES = List.of("UTF-8", "ISO-8859-1", "UTF-16", "bogus", "x\u0000y", "",
            " ", "utf-8 ", "%FF%FE", "%C3%28", "%ED%A0%80", "%F4%90%80%80", "%", "%G0", "%0");

    private record Form(String encoded, Charset fallback) {
    }

    @Test
    void anyLatin1TextDecodesOrIsABadRequest() {
        RandomInputs.forAll(1000, random -> new Form(latin1(random), random.of(FALLBACKS)),
                form -> assertDecodesOrIsABadRequest(form.encoded(), form.fallback()));
    }

    @Test
    void formShapedTextDecodesOrIsABadRequest() {
        RandomInputs.forAll(2000, random -> new Form(form(random), random.of(FALLBACKS)),
                form -> assertDecodesOrIsABadRequest(form.encoded(), form.fallback()));
    }

    @Test
    void validUtf8WithoutNulIsDecodedVerbatim() {
        RandomInputs.forAll(1000, random -> random.anyString(255).replace('\u0000', ' '), value -> {
            String encoded = "text=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
            String wellFormed = new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);

            assertThat(FormData.parse(encoded, StandardCharsets.UTF_8).get("text")).isEqualTo(wellFormed);
        });
    }

    private static void assertDecodesOrIsABadRequest(String encoded, Charset fallback) {
        Throwable thrown = catchThrowable(() -> assertThat(FormData.parse(encoded, fallback)).isNotNull());

        if (thrown != null) {
            assertThat(thrown).isInstanceOf(WebhookException.class);
            assertThat(((WebhookException) thrown).status().value()).isEqualTo(400);
        }
    }

    private static String latin1(RandomInputs random) {
        return random.string('\u0000', '\u00ff', 0, 200);
    }

    /** Up to six {@code name=value} pairs: real and mangled names, percent escapes good and broken, charsets. */
    private static String form(RandomInputs random) {
        return String.join("&", random.listOf(0, 6, () -> {
            String name = random.oneOf(() -> random.of(NAMES), () -> random.string("abc%=+&", 0, 5));
            String value = random.oneOf(() -> random.string("%0123456789abcdefABCDEF+=&;", 0, 30),
                    () -> random.of(ODD_VALUES), () -> latin1(random));
            return name + "=" + value;
        }));
    }
}
