package io.richmond.sdk.message;

/**
 * How a text travels as SMS, as the API counts it when it accepts a message and as every gateway sends it: GSM 03.38's 7-bit alphabet when every character is in it (the extension table's
 * characters take two septets), otherwise UCS-2; and how many segments that takes (one segment: 160 septets or 70
 * UCS-2 units; concatenated: 153 or 67 each, the rest goes to the UDH).
 */
public record SmsEncoding(String encoding, int segments) {

    public static final String GSM7 = "GSM-7";
    public static final String UCS2 = "UCS-2";

    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENSION = "\f^{}\\[~]|€";

    public static SmsEncoding of(String content) {
        String text = content == null ? "" : content;
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (BASIC.indexOf(c) >= 0) {
                septets += 1;
            } else if (EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            } else {
                // UCS-2 counts UTF-16 units: a character outside the BMP takes two, as it does on the air.
                return new SmsEncoding(UCS2, segments(text.length(), 70, 67));
            }
        }
        return new SmsEncoding(GSM7, segments(septets, 160, 153));
    }

    public boolean isGsm7() {
        return GSM7.equals(encoding);
    }

    /**
     * The most characters a text of {@code segments} segments holds in either encoding: GSM-7's septet count, since
     * every character takes at least one septet and UCS-2 holds fewer units per segment.
     */
    public static int longestText(int segments) {
        return segments <= 1 ? 160 : segments * 153;
    }

    private static int segments(int units, int single, int perPart) {
        return units <= single ? 1 : (units + perPart - 1) / perPart;
    }
}
