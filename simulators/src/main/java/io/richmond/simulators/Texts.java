package io.richmond.simulators;

/** Text from the wire, made safe to print: a line break or control character in it cannot garble the terminal. */
public final class Texts {

    private static final int SHORT_LENGTH = 60;

    private Texts() {
    }

    /** Line breaks as {@code \n}, other control characters as {@code \}{@code uXXXX}. */
    public static String printable(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '\n') {
                shown.append("\\n");
            } else if (Character.isISOControl(c)) {
                shown.append(String.format("\\u%04x", (int) c));
            } else {
                shown.append(c);
            }
        }
        return shown.toString();
    }

    /** {@link #printable}, cut to a length that fits a status line. */
    public static String shortened(String text) {
        String shown = printable(text);
        return shown.length() <= SHORT_LENGTH ? shown : shown.substring(0, SHORT_LENGTH) + "...";
    }
}
