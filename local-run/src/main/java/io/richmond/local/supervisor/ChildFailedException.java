package io.richmond.local.supervisor;

/** A child that died or never became ready while the group started. Its message is meant for the user as is. */
public final class ChildFailedException extends RuntimeException {

    ChildFailedException(String message) {
        super(message);
    }
}
