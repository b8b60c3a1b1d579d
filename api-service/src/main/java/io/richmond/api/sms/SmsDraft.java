package io.richmond.api.sms;

/** One SMS of a send request, checked and ready to store. */
public record SmsDraft(String toMsisdn, String fromMsisdn, String message, SmsEncoding encoding) {
}
