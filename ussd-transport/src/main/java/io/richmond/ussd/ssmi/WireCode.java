package io.richmond.ussd.ssmi;

/** An SSMI constant that travels as a number. */
interface WireCode {

    /** The number on the wire. */
    int code();

    /** @throws IllegalArgumentException naming {@code what} for a code SSMI does not define */
    static <E extends Enum<E> & WireCode> E ofCode(Class<E> type, int code, String what) {
        for (E constant : type.getEnumConstants()) {
            if (constant.code() == code) {
                return constant;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " " + code);
    }
}
