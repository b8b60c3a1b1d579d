package io.richmond.sms.xml;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses what providers send us, which anyone on the internet can imitate. DTDs are not processed at all: a
 * {@code <!DOCTYPE receipts>} line (Opera sends one) is skipped, but an entity it declares is never defined, so a
 * reference to it fails the parse. That stops external entities (XXE: reading local files or URLs) and entity
 * expansion bombs alike, without refusing the providers' harmless doctype lines. Elements nested deeper than
 * {@value #MAX_DEPTH} are refused.
 */
public final class SafeXml {

    /**
     * Providers' documents are a few elements deep. Readers of the tree (XML-RPC values) recurse, so a deeper one,
     * which fits in a small body, could exhaust their stack.
     */
    static final int MAX_DEPTH = 64;
    private static final XMLInputFactory FACTORY = factory();

    private SafeXml() {
    }

    public static XmlElement parse(byte[] xml) throws XmlParseException {
        try {
            return read(FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml)));
        } catch (XMLStreamException | RuntimeException e) {
            throw new XmlParseException(e);
        }
    }

    public static XmlElement parse(String xml) throws XmlParseException {
        try {
            return read(FACTORY.createXMLStreamReader(new StringReader(xml)));
        } catch (XMLStreamException | RuntimeException e) {
            throw new XmlParseException(e);
        }
    }

    private static XmlElement read(XMLStreamReader reader) throws XMLStreamException {
        try {
            Deque<Builder> open = new ArrayDeque<>();
            XmlElement root = null;
            while (reader.hasNext()) {
                switch (reader.next()) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (open.size() == MAX_DEPTH) {
                            throw new XMLStreamException("elements nested deeper than " + MAX_DEPTH,
                                    reader.getLocation());
                        }
                        Map<String, String> attributes = new LinkedHashMap<>();
                        for (int i = 0; i < reader.getAttributeCount(); i++) {
                            attributes.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
                        }
                        open.push(new Builder(reader.getLocalName(), attributes));
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!open.isEmpty()) {
                            open.peek().text.append(reader.getText());
                        }
                    }
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw new XMLStreamException(
                            "entity reference &" + reader.getLocalName() + "; is not allowed", reader.getLocation());
                    case XMLStreamConstants.END_ELEMENT -> {
                        XmlElement element = open.pop().build();
                        if (open.isEmpty()) {
                            root = element;
                        } else {
                            open.peek().children.add(element);
                        }
                    }
                    default -> {
                        // Comments, processing instructions and the skipped DTD carry nothing we read.
                    }
                }
            }
            if (root == null) {
                throw new XMLStreamException("no root element");
            }
            return root;
        } finally {
            reader.close();
        }
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    private static final class Builder {
        private final String name;
        private final Map<String, String> attributes;
        private final StringBuilder text = new StringBuilder();
        private final List<XmlElement> children = new ArrayList<>();

        Builder(String name, Map<String, String> attributes) {
            this.name = name;
            this.attributes = attributes;
        }

        XmlElement build() {
            return new XmlElement(name, attributes, text.toString(), children);
        }
    }
}
