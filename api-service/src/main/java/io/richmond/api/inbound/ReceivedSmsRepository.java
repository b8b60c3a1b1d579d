package io.richmond.api.inbound;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ReceivedSmsRepository extends JpaRepository<ReceivedSms, Long> {

    boolean existsByMessageId(String messageId);

    List<ReceivedSms> findByAccountIdOrderByIdAsc(Long accountId);
}
