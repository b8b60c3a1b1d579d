package io.richmond.api.tracking;

import java.util.List;

import org.springframework.stereotype.Component;

import io.richmond.api.web.ApiDates;
import tools.jackson.databind.json.JsonMapper;

/** The receipts of one SMS, oldest first, for its status answer. */
@Component
public class ReceiptHistory {

    private final ReceiptRecordRepository records;
    private final JsonMapper mapper;

    ReceiptHistory(ReceiptRecordRepository records, JsonMapper mapper) {
        this.records = records;
        this.mapper = mapper;
    }

    public List<ReceiptView> of(long sentSmsId) {
        return records.findBySentSmsIdOrderByIdAsc(sentSmsId).stream()
                .map(record -> new ReceiptView(ApiDates.format(record.getReceivedAt()), record.getDeliveryStatus(),
                        record.getStatus(), record.getProviderStatus(), record.getProviderStatusText(),
                        ApiDates.format(record.getProviderTimestamp()), mapper.readTree(record.getTransportMetadata())))
                .toList();
    }
}
