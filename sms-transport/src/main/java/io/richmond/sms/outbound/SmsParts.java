package io.richmond.sms.outbound;

/**
 * How a text travels as SMS, as every provider counts it: GSM 03.38's 7-bit alphabet when it has every character
 * (the extension table's take two septets each), otherwise UCS-2; and how many concatenated parts that takes (one
 * part holds 160 septets or 70 UCS-2 units; a part of a longer message 153 or 67, the rest is the UDH).
 */
public record SmsParts(boolean gsm7, int parts) {

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

    public static SmsParts of(String content) {
        String text = content == null ? "" : content;
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) >= 0) {
                septets++;
            } else if (GSM_EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            } else {
                // UTF-16 units: a character outside the BMP takes two, as it does on the air.
                return new SmsParts(false, parts(text.length(), 70, 67));
            }
        }
        return new SmsParts(true, parts(septets, 160, 153));
    }

    private static int parts(int units, int single, int perPart) {
        return units <= single ? 1 : (units + perPart - 1) / perPart;
    }
}
