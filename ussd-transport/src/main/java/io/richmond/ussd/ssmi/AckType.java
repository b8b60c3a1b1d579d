package io.richmond.ussd.ssmi;

/** What TruTeq acknowledges with {@code SSMI,101,<type>}. */
public enum AckType {
    LOGIN_OK(1, "login OK"),
    LINK_CHECK_RESPONSE(2, "link check response");

    private static final AckType[] VALUES = values();

    private final int code;
    private final String meaning;

    AckType(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The number on the wire. */
    public int code() {
        return code;
    }

    /** What the acknowledgement means, for log lines. */
    public String meaning() {
        return meaning;
    }

    /** @throws IllegalArgumentException for a code SSMI does not define */
    public static AckType ofCode(int code) {
        for (AckType type : VALUES) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown ACK type " + code);
    }
}
