package io.richmond.api.sms;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.richmond.api.tracking.ReceiptView;
import io.richmond.api.web.ApiDates;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A sent SMS as the API shows it: the original fields (README), then Richmond's own ({@code status},
 * {@code encoding}, {@code segments}, and on {@code status/<id>.json} the receipts received).
 *
 * @param transportStatus {@code 0} (a number, as the README shows) until a receipt arrives, then the provider's raw
 *                        status as a string ({@code "003"}, {@code "D"}), as the original stored it
 * @param deliveredAt when the provider reported it delivered; null until then
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SmsView(long id, String toMsisdn, String fromMsisdn, String message, String charset,
        String transportName, String transportMsgId, Object transportStatus, String transportStatusDisplay,
        String status, @JsonInclude(JsonInclude.Include.NON_NULL) String failureReason, String encoding,
        int segments, String createdAt, String updatedAt, String deliveredAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<ReceiptView> receipts) {

    public static SmsView of(SentSms sms) {
        return of(sms, null);
    }

    public static SmsView of(SentSms sms, List<ReceiptView> receipts) {
        Object transportStatus = sms.getTransportStatus().isEmpty() ? (Object) 0 : sms.getTransportStatus();
        return new SmsView(sms.getId(), sms.getToMsisdn(), sms.getFromMsisdn(), sms.getMessage(), sms.getCharset(),
                sms.getTransportName(), sms.getTransportMsgId(), transportStatus, sms.getTransportStatusDisplay(),
                sms.getStatus().value(), sms.getFailureReason(), sms.getEncoding(), sms.getSegments(),
                ApiDates.format(sms.getCreatedAt()), ApiDates.format(sms.getUpdatedAt()),
                ApiDates.format(sms.getDeliveredAt()), receipts);
    }
}
