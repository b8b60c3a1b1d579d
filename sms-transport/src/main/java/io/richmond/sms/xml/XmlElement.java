package io.richmond.sms.xml;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An element of a small XML document: its name, attributes, direct text and child elements. */
public record XmlElement(String name, Map<String, String> attributes, String text, List<XmlElement> children) {

    public XmlElement {
        attributes = Map.copyOf(attributes);
        children = List.copyOf(children);
    }

    /** The first child of that name. */
    public Optional<XmlElement> child(String childName) {
        return children.stream().filter(child -> child.name.equals(childName)).findFirst();
    }

    public List<XmlElement> children(String childName) {
        return children.stream().filter(child -> child.name.equals(childName)).toList();
    }

    /** The text of the first child of that name, trimmed. */
    public Optional<String> childText(String childName) {
        return child(childName).map(child -> child.text().trim());
    }
}
