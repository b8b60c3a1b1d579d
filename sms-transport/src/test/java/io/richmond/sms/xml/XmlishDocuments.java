package io.richmond.sms.xml;

import java.util.List;

import io.richmond.testsupport.RandomInputs;

/**
 * Strings that look like the XML providers send, and often are not: the providers' element names, random tags and
 * text, markup characters, entity and character references, doctypes, CDATA and processing instructions, nested
 * to a random depth.
 */
public final class XmlishDocuments {

    /** Element names the parsers look for, so that generated documents reach past the root check. */
    private static final List<String> NAMES = List.of("receipts", "receipt", "reference", "status", "timestamp",
            "bspostevent", "field", "callback", "clickmo", "apiMsgId", "cliMsgId", "moMsgId", "from", "to", "text",
            "charset", "methodResponse", "params", "param", "value", "fault", "struct", "member", "name", "array",
            "data", "string", "int", "i4", "boolean", "double", "dateTime.iso8601", "base64", "nil");
    private static final List<String> ATTRIBUTE_NAMES = List.of("name", "id", "x", "xmlns", "xmlns:a", "a:b");
    /** Opera's field names, which its callbacks carry in {@code name} attributes. */
    private static final List<String> ATTRIBUTE_VALUES =
            List.of("Local", "Remote", "Text", "MessageID", "MobileNetwork", "ReceiveDate");
    private static final List<String> ODD_TEXTS = List.of("", "&amp;", "&lt;", "&xxe;", "&#0;", "&#x1F600;",
            "&#xD800;", "&#99999999;", "&#;", "<![CDATA[a]]>", "<![CDATA[", "<!-- c -->", "<!--", "<?pi x?>", "\uFFFE",
            "\uD800", "20080831T15:59:24", "2008-08-31 15:59:24 +0200", "2011-01-01 00:00:00", "1299999999", "AAAA",
            "==", "1e400", "-2147483649");
    private static final List<String> PROLOGS = List.of("", "", "<?xml version=\"1.0\"?>",
            "<?xml version='1.0' encoding='UTF-8'?>", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>",
            "<?xml version=\"1.1\"?>", "<?xml version=\"9\"?>", "<?xml encoding=\"bogus\"?>", "<!DOCTYPE receipts>",
            "<!DOCTYPE a [<!ENTITY xxe \"x\">]>", "<!DOCTYPE a SYSTEM \"file:///etc/hostname\">", "<!DOCTYPE", " \n",
            "\uFEFF");
    private static final List<String> TAILS = List.of("", "", "<", "</x>", "&", "\u0000");

    private XmlishDocuments() {
    }

    /** A document or near-document, up to {@code depth} elements deep. */
    public static String document(RandomInputs random, int depth) {
        String body = String.join("", random.listOf(1, 3, () -> element(random, depth)));
        return random.of(PROLOGS) + body + random.of(TAILS);
    }

    /** An element, or only its start or end tag, with content nested up to {@code depth} elements deep. */
    private static String element(RandomInputs random, int depth) {
        String name = name(random);
        String attributes = attributes(random);
        String content = depth == 0 ? text(random)
                : random.oneOf(() -> text(random),
                        () -> String.join("", random.listOf(0, 3, () -> element(random, depth - 1))));
        return switch (random.between(0, 9)) {
            case 0 -> "<" + name + attributes + "/>";
            case 1 -> "<" + name + attributes + ">" + content;
            case 2 -> content + "</" + name + ">";
            default -> "<" + name + attributes + ">" + content + "</" + name + ">";
        };
    }

    private static String name(RandomInputs random) {
        return random.oneOf(() -> random.of(NAMES), () -> random.of(NAMES),
                () -> random.string(RandomInputs.LETTERS, 1, 6), () -> random.anyString(1, 4));
    }

    private static String attributes(RandomInputs random) {
        return random.oneOf(() -> "", () -> {
            String extra = text(random);
            return " " + random.of(ATTRIBUTE_NAMES) + "=\"" + random.of(ATTRIBUTE_VALUES) + "\""
                    + (extra.isEmpty() ? "" : " x=\"" + extra + "\"");
        });
    }

    private static String text(RandomInputs random) {
        return random.oneOf(() -> random.anyString(20),
                () -> random.string("<>&;#x0123456789abcdef\"'/=! -:T", 0, 20),
                () -> random.string(RandomInputs.DIGITS, 0, 25),
                () -> random.of(ODD_TEXTS));
    }
}
