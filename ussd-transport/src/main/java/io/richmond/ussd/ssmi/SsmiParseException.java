package io.richmond.ussd.ssmi;

/** A line that is not a valid SSMI command in the direction it was read. */
public final class SsmiParseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Enough of a line to recognise it in a log without flooding it. */
    private static final int QUOTED_LENGTH = 200;

    private final String reason;
    private final String line;

    public SsmiParseException(String reason, String line) {
        super(reason + ": " + quote(line));
        this.reason = reason;
        this.line = line;
    }

    /** Why the line was rejected, without the line. */
    public String reason() {
        return reason;
    }

    /** The line as received, without its terminator. */
    public String line() {
        return line;
    }

    /**
     * Single-quoted, control characters escaped so that a line cannot break the log line it is shown in, and cut
     * after {@value #QUOTED_LENGTH} characters. Also for parts of a line that a reason quotes.
     */
    static String quote(String line) {
        int shown = Math.min(line.length(), QUOTED_LENGTH);
        StringBuilder quoted = new StringBuilder(shown + 16).append('\'');
        for (int i = 0; i < shown; i++) {
            char c = line.charAt(i);
            if (c == '\n') {
                quoted.append("\\n");
            } else if (c == '\r') {
                quoted.append("\\r");
            } else if (Character.isISOControl(c)) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        quoted.append('\'');
        if (shown < line.length()) {
            quoted.append(" (").append(line.length() - shown).append(" more characters)");
        }
        return quoted.toString();
    }
}
