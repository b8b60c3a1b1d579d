package io.richmond.ussd.ssmi;

/** Why TruTeq refused something, sent as {@code SSMI,102,<type>}. */
public enum NackType {
    INVALID_CREDENTIALS(1, "invalid username/password combination"),
    UNKNOWN_MESSAGE_TYPE(2, "invalid/unknown message type"),
    UNPARSEABLE_MESSAGE(3, "could not parse message"),
    ACCOUNT_SUSPENDED(4, "account suspended (non-payment or abuse)");

    private static final NackType[] VALUES = values();

    private final int code;
    private final String meaning;

    NackType(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The number on the wire. */
    public int code() {
        return code;
    }

    /** What the refusal means, for log lines. */
    public String meaning() {
        return meaning;
    }

    /** @throws IllegalArgumentException for a code SSMI does not define */
    public static NackType ofCode(int code) {
        for (NackType type : VALUES) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown NACK type " + code);
    }
}
