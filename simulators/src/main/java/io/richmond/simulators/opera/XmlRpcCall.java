package io.richmond.simulators.opera;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * A {@code <methodCall>}, read without DTDs: a document with a {@code <!DOCTYPE>} is refused outright, so no entity
 * it could declare (an external file, an expansion bomb) is ever resolved.
 *
 * @param params strings, {@code Integer}s, {@code Boolean}s, {@code Double}s, {@code byte[]} (base64), dateTime
 *               values as their text, {@code List}s (arrays) and {@code Map}s (structs, in document order)
 */
record XmlRpcCall(String methodName, List<Object> params) {

    private static final ErrorHandler FAIL_ON_ANY_ERROR = new ErrorHandler() {
        @Override
        public void warning(SAXParseException exception) {
            // Warnings do not make a document unreadable.
        }

        @Override
        public void error(SAXParseException exception) throws SAXException {
            throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXException {
            throw exception;
        }
    };

    static XmlRpcCall parse(byte[] xml) throws XmlRpcFault {
        Document document;
        try {
            document = builder().parse(new ByteArrayInputStream(xml));
        } catch (SAXException | IOException e) {
            throw new XmlRpcFault(XmlRpcFault.NOT_WELL_FORMED, "parse error, not well formed: " + e.getMessage());
        }
        Element root = document.getDocumentElement();
        if (!root.getTagName().equals("methodCall")) {
            throw invalid("expected <methodCall>, got <" + root.getTagName() + ">");
        }
        List<Element> names = children(root, "methodName");
        if (names.size() != 1 || names.get(0).getTextContent().isBlank()) {
            throw invalid("<methodCall> needs one <methodName>");
        }
        List<Object> params = new ArrayList<>();
        for (Element paramsElement : children(root, "params")) {
            for (Element param : children(paramsElement, "param")) {
                params.add(value(only(param, "value")));
            }
        }
        return new XmlRpcCall(names.get(0).getTextContent().strip(), params);
    }

    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // The default handler prints every parse error to stderr as well as throwing it.
            builder.setErrorHandler(FAIL_ON_ANY_ERROR);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a safety feature", e);
        }
    }

    private static Object value(Element value) throws XmlRpcFault {
        List<Element> typed = children(value, null);
        if (typed.isEmpty()) {
            // A value without a type element is a string.
            return value.getTextContent();
        }
        if (typed.size() > 1) {
            throw invalid("<value> with more than one type element");
        }
        Element element = typed.get(0);
        String text = element.getTextContent();
        try {
            return switch (element.getTagName()) {
                case "string" -> text;
                case "int", "i4" -> Integer.valueOf(text.strip());
                case "boolean" -> switch (text.strip()) {
                    case "0" -> false;
                    case "1" -> true;
                    default -> throw invalid("<boolean> must be 0 or 1, got '" + text.strip() + "'");
                };
                case "double" -> Double.valueOf(text.strip());
                case "dateTime.iso8601" -> text.strip();
                case "base64" -> Base64.getMimeDecoder().decode(text.strip());
                case "struct" -> struct(element);
                case "array" -> array(element);
                default -> throw invalid("unknown XML-RPC type <" + element.getTagName() + ">");
            };
        } catch (IllegalArgumentException e) {
            throw invalid("bad <" + element.getTagName() + "> value '" + text.strip() + "'");
        }
    }

    private static Map<String, Object> struct(Element struct) throws XmlRpcFault {
        Map<String, Object> members = new LinkedHashMap<>();
        for (Element member : children(struct, "member")) {
            String name = only(member, "name").getTextContent().strip();
            members.put(name, value(only(member, "value")));
        }
        return members;
    }

    private static List<Object> array(Element array) throws XmlRpcFault {
        List<Object> items = new ArrayList<>();
        for (Element item : children(only(array, "data"), "value")) {
            items.add(value(item));
        }
        return items;
    }

    private static Element only(Element parent, String name) throws XmlRpcFault {
        List<Element> found = children(parent, name);
        if (found.size() != 1) {
            throw invalid("<" + parent.getTagName() + "> needs exactly one <" + name + ">");
        }
        return found.get(0);
    }

    /** Child elements named {@code name}, or all of them for null. */
    private static List<Element> children(Element parent, String name) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && (name == null || element.getTagName().equals(name))) {
                children.add(element);
            }
        }
        return children;
    }

    private static XmlRpcFault invalid(String reason) {
        return new XmlRpcFault(XmlRpcFault.INVALID_XML_RPC, "invalid XML-RPC: " + reason);
    }
}
