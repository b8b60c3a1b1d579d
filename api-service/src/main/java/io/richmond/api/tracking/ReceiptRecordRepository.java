package io.richmond.api.tracking;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface ReceiptRecordRepository extends JpaRepository<ReceiptRecord, Long> {

    List<ReceiptRecord> findBySentSmsIdOrderByIdAsc(Long sentSmsId);
}
