package io.richmond.sms.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.richmond.testsupport.Fixtures;

/** The providers' doctype lines pass; entities, external or internal, do not. */
class SafeXmlTest {

    @TempDir
    Path files;

    @Test
    void aDoctypeWithoutDeclarationsIsSkipped() throws Exception {
        XmlElement root = SafeXml.parse(Fixtures.bytes("opera/receipt.xml"));

        assertThat(root.name()).isEqualTo("receipts");
        assertThat(root.child("receipt").flatMap(receipt -> receipt.childText("reference"))).hasValue("001efc31");
    }

    @Test
    void characterReferencesAndPredefinedEntitiesAreRead() throws Exception {
        assertThat(SafeXml.parse("<a>Robertson&#8217;s Herb &amp; Spices &lt;</a>").text())
                .isEqualTo("Robertson’s Herb & Spices <");
    }

    @Test
    void anExternalEntityIsNeverRead() throws Exception {
        Path secret = Files.writeString(files.resolve("secret"), "secret-content");
        String xml = "<!DOCTYPE a [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]><a>&xxe;</a>";

        assertThatThrownBy(() -> SafeXml.parse(xml)).isInstanceOf(XmlParseException.class)
                .hasMessageContaining("xxe").hasMessageNotContaining("secret-content");
    }

    @Test
    void anExternalDtdIsNeverLoaded() throws Exception {
        Path dtd = Files.writeString(files.resolve("evil.dtd"), "<!ENTITY e \"from-the-dtd\">");
        String xml = "<!DOCTYPE a SYSTEM \"" + dtd.toUri() + "\"><a>&e;</a>";

        assertThatThrownBy(() -> SafeXml.parse(xml)).isInstanceOf(XmlParseException.class)
                .hasMessageNotContaining("from-the-dtd");
    }

    @Test
    void internalEntitiesAreNotExpanded() {
        String xml = "<!DOCTYPE a [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]><a>&lol2;</a>";

        assertThatThrownBy(() -> SafeXml.parse(xml)).isInstanceOf(XmlParseException.class);
    }
}
