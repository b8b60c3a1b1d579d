package io.richmond.simulators.opera;

import java.util.Map;

/**
 * {@code <methodResponse>} bodies, laid out as Python's {@code xmlrpclib} lays them out (fixtures
 * {@code opera/send_*.xml}).
 */
final class XmlRpcResponses {

    private XmlRpcResponses() {
    }

    /** A struct of strings. */
    static String success(Map<String, String> struct) {
        StringBuilder xml = new StringBuilder("<?xml version='1.0'?>\n<methodResponse>\n<params>\n<param>\n");
        appendStruct(xml, struct);
        return xml.append("</param>\n</params>\n</methodResponse>\n").toString();
    }

    static String fault(XmlRpcFault fault) {
        StringBuilder xml = new StringBuilder("<?xml version='1.0'?>\n<methodResponse>\n<fault>\n")
                .append("<value><struct>\n")
                .append("<member>\n<name>faultCode</name>\n<value><int>").append(fault.code())
                .append("</int></value>\n</member>\n")
                .append("<member>\n<name>faultString</name>\n<value><string>").append(escape(fault.getMessage()))
                .append("</string></value>\n</member>\n")
                .append("</struct></value>\n");
        return xml.append("</fault>\n</methodResponse>\n").toString();
    }

    private static void appendStruct(StringBuilder xml, Map<String, String> struct) {
        xml.append("<value><struct>\n");
        struct.forEach((name, value) -> xml.append("<member>\n<name>").append(escape(name)).append("</name>\n")
                .append("<value><string>").append(escape(value)).append("</string></value>\n</member>\n"));
        xml.append("</struct></value>\n");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
