package io.richmond.ussd.ssmi;

/** Why TruTeq refused something, sent as {@code SSMI,102,<type>}. */
public enum NackType implements WireCode {
    INVALID_CREDENTIALS(1, "invalid username/password combination"),
    UNKNOWN_MESSAGE_TYPE(2, "invalid/unknown message type"),
    UNPARSEABLE_MESSAGE(3, "could not parse message"),
    ACCOUNT_SUSPENDED(4, "account suspended (non-payment or abuse)");

    private final int code;
    private final String meaning;

    NackType(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    @Override
    public int code() {
        return code;
    }

    /** What the refusal means, for log lines. */
    public String meaning() {
        return meaning;
    }

    /** @throws IllegalArgumentException for a code SSMI does not define */
    public static NackType ofCode(int code) {
        return WireCode.ofCode(NackType.class, code, "NACK type");
    }
}
