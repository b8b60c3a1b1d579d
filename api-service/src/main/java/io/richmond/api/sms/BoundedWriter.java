package io.richmond.api.sms;

import java.io.Writer;

/**
 * Collects a rendered text up to a number of characters and refuses to grow past it: a template's expansion stops
 * at the first write that would make it longer than any SMS can be, before that write is copied.
 */
final class BoundedWriter extends Writer {

    /** Thrown by the write that would pass the limit; a client's template, not a fault, so no stack trace. */
    static final class LimitPassed extends RuntimeException {

        private LimitPassed(int limit) {
            super("longer than " + limit + " characters", null, false, false);
        }
    }

    private final StringBuilder text = new StringBuilder();
    private final int limit;

    BoundedWriter(int limit) {
        this.limit = limit;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
        reserve(length);
        text.append(chars, offset, length);
    }

    @Override
    public void write(String chars) {
        write(chars, 0, chars.length());
    }

    @Override
    public void write(String chars, int offset, int length) {
        reserve(length);
        text.append(chars, offset, offset + length);
    }

    @Override
    public void write(int c) {
        reserve(1);
        text.append((char) c);
    }

    @Override
    public BoundedWriter append(CharSequence chars) {
        CharSequence given = chars == null ? "null" : chars;
        reserve(given.length());
        text.append(given);
        return this;
    }

    @Override
    public BoundedWriter append(CharSequence chars, int start, int end) {
        CharSequence given = chars == null ? "null" : chars;
        reserve(end - start);
        text.append(given, start, end);
        return this;
    }

    @Override
    public BoundedWriter append(char c) {
        write(c);
        return this;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    /** What was written. */
    @Override
    public String toString() {
        return text.toString();
    }

    private void reserve(int length) {
        if (length > limit - text.length()) {
            throw new LimitPassed(limit);
        }
    }
}
