package io.richmond.api.inbound;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ReceivedSmsRepository extends JpaRepository<ReceivedSms, Long> {

    List<ReceivedSms> findByMessageIdIn(Collection<String> messageIds);

    Optional<ReceivedSms> findByMessageIdAndAccountId(String messageId, Long accountId);

    List<ReceivedSms> findByAccountIdOrderByIdAsc(Long accountId);
}
