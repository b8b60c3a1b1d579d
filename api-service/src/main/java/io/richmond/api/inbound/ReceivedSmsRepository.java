package io.richmond.api.inbound;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

public interface ReceivedSmsRepository extends JpaRepository<ReceivedSms, Long> {

    List<ReceivedSms> findByMessageIdIn(Collection<String> messageIds);

    Optional<ReceivedSms> findByMessageIdAndAccountId(String messageId, Long accountId);

    List<ReceivedSms> findByAccountIdOrderByIdAsc(Long accountId);

    /** Locks the rows in id order before it changes them, so that two marks of the same rows cannot deadlock. */
    @Transactional
    @Modifying
    @Query(value = "update received_sms set handed_over_at = :at where id in (select id from received_sms"
            + " where id in :ids and handed_over_at is null order by id for update)", nativeQuery = true)
    int markHandedOver(Collection<Long> ids, Instant at);
}
