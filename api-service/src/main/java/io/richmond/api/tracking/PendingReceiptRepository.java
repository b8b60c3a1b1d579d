package io.richmond.api.tracking;

import java.util.Collection;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface PendingReceiptRepository extends JpaRepository<PendingReceipt, Long> {

    List<PendingReceipt> findByTransportNameAndProviderMessageIdInOrderByIdAsc(String transportName,
            Collection<String> providerMessageIds);
}
