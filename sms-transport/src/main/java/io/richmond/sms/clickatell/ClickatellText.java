package io.richmond.sms.clickatell;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import io.richmond.sdk.message.SmsEncoding;

/**
 * How a text travels in {@code sendmsg}: as is when the GSM 03.38 alphabet has every character, otherwise as UCS-2
 * in hex with {@code unicode=1}; and in how many parts.
 */
record ClickatellText(String text, boolean unicode, int parts) {

    static ClickatellText of(String content) {
        String text = content == null ? "" : content;
        SmsEncoding encoding = SmsEncoding.of(text);
        if (encoding.isGsm7()) {
            return new ClickatellText(text, false, encoding.segments());
        }
        return new ClickatellText(HexFormat.of().withUpperCase().formatHex(text.getBytes(StandardCharsets.UTF_16BE)),
                true, encoding.segments());
    }
}
