package io.richmond.sms.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.Charset;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.richmond.testsupport.RandomInputs;

/** Whatever is posted, SafeXml answers with an element or an {@link XmlParseException}, nothing else. */
class SafeXmlPropertiesTest {

    private static final List<String> ENCODINGS =
            List.of("UTF-8", "UTF-16", "UTF-16LE", "ISO-8859-1", "UTF-32", "windows-1252");

    private record EncodedText(String text, String encoding) {
    }

    @Test
    void anyTextParsesOrIsRefused() {
        RandomInputs.forAll(1000, random -> random.anyString(255), SafeXmlPropertiesTest::assertParsesOrIsRefused);
    }

    @Test
    void xmlishTextParsesOrIsRefused() {
        RandomInputs.forAll(2000, random -> XmlishDocuments.document(random, 3),
                SafeXmlPropertiesTest::assertParsesOrIsRefused);
    }

    @Test
    void anyBytesParseOrAreRefused() {
        RandomInputs.forAll(1000, random -> random.bytes(0, 255), SafeXmlPropertiesTest::assertBytesParseOrAreRefused);
    }

    @Test
    void xmlishTextInAnyEncodingParsesOrIsRefused() {
        RandomInputs.forAll(500, random -> new EncodedText(XmlishDocuments.document(random, 3), random.of(ENCODINGS)),
                encoded -> assertBytesParseOrAreRefused(encoded.text().getBytes(Charset.forName(encoded.encoding()))));
    }

    @Test
    void nestingUpToTheLimitIsReadAndDeeperIsRefused() {
        RandomInputs.forAll(50, random -> random.between(1, 30_000), depth -> {
            String xml = "<a>".repeat(depth) + "</a>".repeat(depth);

            if (depth <= SafeXml.MAX_DEPTH) {
                assertThat(catchThrowable(() -> SafeXml.parse(xml))).isNull();
            } else {
                assertThat(catchThrowable(() -> SafeXml.parse(xml))).isInstanceOf(XmlParseException.class)
                        .hasMessageContaining("nested deeper than " + SafeXml.MAX_DEPTH);
            }
        });
    }

    private static void assertParsesOrIsRefused(String text) {
        Throwable thrown = catchThrowable(() -> assertThat(SafeXml.parse(text)).isNotNull());
        assertThat(thrown).satisfiesAnyOf(t -> assertThat(t).isNull(),
                t -> assertThat(t).isInstanceOf(XmlParseException.class));
    }

    private static void assertBytesParseOrAreRefused(byte[] bytes) {
        Throwable thrown = catchThrowable(() -> assertThat(SafeXml.parse(bytes)).isNotNull());
        assertThat(thrown).satisfiesAnyOf(t -> assertThat(t).isNull(),
                t -> assertThat(t).isInstanceOf(XmlParseException.class));
    }
}
