package io.richmond.simulators.opera;

/**
 * A call the fake Opera answers with an XML-RPC {@code <fault>}. The codes are the interoperability ones of the
 * XML-RPC fault code specification, since Opera's own are not documented anywhere.
 */
final class XmlRpcFault extends Exception {

    static final int NOT_WELL_FORMED = -32700;
    static final int INVALID_XML_RPC = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMETERS = -32602;

    private static final long serialVersionUID = 1L;

    private final int code;

    XmlRpcFault(int code, String text) {
        super(text, null, false, false);
        this.code = code;
    }

    int code() {
        return code;
    }
}
