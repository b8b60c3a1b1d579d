package io.richmond.simulators.truteq;

/** Why the fake TruTeq refuses a line, sent as {@code SSMI,102,<code>} (protocols.md §1.4). */
enum Nack {
    INVALID_CREDENTIALS(1),
    UNKNOWN_MESSAGE_TYPE(2),
    UNPARSEABLE_MESSAGE(3);

    private final int code;

    Nack(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }
}
