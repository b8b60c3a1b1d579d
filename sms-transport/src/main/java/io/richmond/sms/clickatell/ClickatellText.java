package io.richmond.sms.clickatell;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * How a text travels in {@code sendmsg}: as is when the GSM 03.38 alphabet has every character, otherwise as UCS-2
 * in hex with {@code unicode=1}; and in how many parts.
 */
record ClickatellText(String text, boolean unicode, int parts) {

    private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** Escaped characters: two septets each. */
    private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

    static ClickatellText of(String content) {
        String text = content == null ? "" : content;
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM_BASIC.indexOf(c) >= 0) {
                septets++;
            } else if (GSM_EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            } else {
                return ucs2(text);
            }
        }
        return new ClickatellText(text, false, parts(septets, 160, 153));
    }

    private static ClickatellText ucs2(String text) {
        byte[] utf16 = text.getBytes(StandardCharsets.UTF_16BE);
        return new ClickatellText(HexFormat.of().withUpperCase().formatHex(utf16), true,
                parts(utf16.length / 2, 70, 67));
    }

    /** A long message is split into parts that each lose room to the concatenation header. */
    private static int parts(int units, int single, int perPart) {
        return units <= single ? 1 : (units + perPart - 1) / perPart;
    }
}
