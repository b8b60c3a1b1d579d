package io.richmond.api.sms;

import io.richmond.sdk.message.SmsEncoding;

/** One SMS of a send request, checked and ready to store. */
public record SmsDraft(String toMsisdn, String fromMsisdn, String message, SmsEncoding encoding) {
}
