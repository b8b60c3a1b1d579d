package io.richmond.sdk.message;

/** A message body that is not a valid Vumi message; the text says which field is wrong and why. */
public class MessageFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MessageFormatException(String message) {
        super(message);
    }

    public MessageFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
