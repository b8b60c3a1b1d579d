package io.richmond.api.callback;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.richmond.api.inbound.ReceivedSms;
import io.richmond.api.sms.SentSms;
import io.richmond.api.web.ApiDates;

/**
 * The form fields a callback posts, as the original did (protocols.md §4.4): every field of the row, each a
 * string, {@code user} the account id, dates {@code YYYY-MM-DD HH:MM:SS} and an empty string for none.
 */
public final class CallbackFields {

    private CallbackFields() {
    }

    public static Map<String, String> of(ReceivedSms sms) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", String.valueOf(sms.getId()));
        fields.put("user", String.valueOf(sms.getAccountId()));
        fields.put("to_msisdn", sms.getToMsisdn());
        fields.put("from_msisdn", sms.getFromMsisdn());
        fields.put("charset", sms.getCharset());
        fields.put("message", sms.getMessage());
        fields.put("transport_name", sms.getTransportName());
        fields.put("transport_msg_id", sms.getTransportMsgId());
        fields.put("received_at", date(sms.getReceivedAt()));
        fields.put("created_at", date(sms.getCreatedAt()));
        fields.put("updated_at", date(sms.getUpdatedAt()));
        return fields;
    }

    public static Map<String, String> of(SentSms sms) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("id", String.valueOf(sms.getId()));
        fields.put("user", String.valueOf(sms.getAccountId()));
        fields.put("to_msisdn", sms.getToMsisdn());
        fields.put("from_msisdn", sms.getFromMsisdn());
        fields.put("charset", sms.getCharset());
        fields.put("message", sms.getMessage());
        fields.put("transport_name", sms.getTransportName());
        fields.put("transport_msg_id", sms.getTransportMsgId());
        fields.put("transport_status", sms.getTransportStatus());
        fields.put("transport_status_display", sms.getTransportStatusDisplay());
        fields.put("status", sms.getStatus().value());
        fields.put("created_at", date(sms.getCreatedAt()));
        fields.put("updated_at", date(sms.getUpdatedAt()));
        fields.put("delivered_at", date(sms.getDeliveredAt()));
        return fields;
    }

    private static String date(Instant instant) {
        return instant == null ? "" : ApiDates.format(instant);
    }
}
