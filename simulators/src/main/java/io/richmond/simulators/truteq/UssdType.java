package io.richmond.simulators.truteq;

/** The {@code type} field of SSMI's USSD commands (protocols.md §1.4). */
enum UssdType {
    /** From TruTeq: a new session, the message being the dialled code; from the gateway: a push. */
    NEW(1),
    /** From TruTeq: the user's answer; from the gateway: a menu, the session stays open. */
    CONTINUE(2),
    /** The session is over: the user hung up, or the gateway's final message. */
    END(3),
    /** From TruTeq only: the network gave up waiting for the user. */
    TIMEOUT(4),
    REDIRECT(5),
    /** From the gateway: a network-initiated session. */
    PUSH(6);

    private final int code;

    UssdType(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }

    /** @throws IllegalArgumentException for a number SSMI does not define */
    static UssdType of(int code) {
        for (UssdType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown USSD type " + code);
    }
}
