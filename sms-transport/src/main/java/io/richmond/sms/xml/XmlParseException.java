package io.richmond.sms.xml;

/** A body that is not well-formed XML, or that uses entities we do not allow. */
public class XmlParseException extends Exception {

    private static final long serialVersionUID = 1L;

    XmlParseException(Exception cause) {
        // The parser's text spans lines; a 400's reason and a log line read better on one.
        super(String.valueOf(cause.getMessage()).replaceAll("\\s*\n\\s*", " "), cause);
    }
}
