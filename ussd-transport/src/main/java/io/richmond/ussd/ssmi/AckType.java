package io.richmond.ussd.ssmi;

/** What TruTeq acknowledges with {@code SSMI,101,<type>}. */
public enum AckType implements WireCode {
    LOGIN_OK(1, "login OK"),
    LINK_CHECK_RESPONSE(2, "link check response");

    private final int code;
    private final String meaning;

    AckType(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    @Override
    public int code() {
        return code;
    }

    /** What the acknowledgement means, for log lines. */
    public String meaning() {
        return meaning;
    }

    /** @throws IllegalArgumentException for a code SSMI does not define */
    public static AckType ofCode(int code) {
        return WireCode.ofCode(AckType.class, code, "ACK type");
    }
}
