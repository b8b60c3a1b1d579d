package io.richmond.api.inbound;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ReceivedSmsRepository extends JpaRepository<ReceivedSms, Long> {

    Optional<ReceivedSms> findByMessageId(String messageId);

    Optional<ReceivedSms> findByMessageIdAndAccountId(String messageId, Long accountId);

    List<ReceivedSms> findByAccountIdOrderByIdAsc(Long accountId);
}
