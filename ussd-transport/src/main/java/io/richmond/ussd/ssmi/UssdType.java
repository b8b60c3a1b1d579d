package io.richmond.ussd.ssmi;

/** The {@code type} field of USSD commands 110, 111 and 120 (protocols.md §1.4). */
public enum UssdType implements WireCode {
    /** Inbound: a new session; the message is the dialled USSD string, e.g. {@code *156#}. */
    NEW(1),
    /** Inbound: the user's answer; outbound: a menu that keeps the session open. */
    EXISTING(2),
    /** Inbound: the user or network ended the session; outbound: the final message, closing it. */
    END(3),
    /** Inbound only: the session timed out. */
    TIMEOUT(4),
    REDIRECT(5),
    /** Outbound: a network-initiated (push) session. */
    NETWORK_INITIATED(6);

    private final int code;

    UssdType(int code) {
        this.code = code;
    }

    @Override
    public int code() {
        return code;
    }

    /** @throws IllegalArgumentException for a code SSMI does not define */
    public static UssdType ofCode(int code) {
        return WireCode.ofCode(UssdType.class, code, "USSD type");
    }
}
