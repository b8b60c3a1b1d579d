package io.richmond.sms.webhook;

/**
 * A provider's value as it may appear in a refusal and a log line: whatever a caller sent, it must not forge log
 * lines (control characters are escaped) nor flood them (at most 40 characters are shown).
 */
public final class Printable {

    private static final int SHOWN = 40;

    private Printable() {
    }

    public static String of(String text) {
        StringBuilder shown = new StringBuilder();
        text.codePoints().limit(SHOWN).forEach(c -> {
            if (Character.isISOControl(c)) {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return text.codePointCount(0, text.length()) > SHOWN ? shown + "..." : shown.toString();
    }
}
