package io.richmond.api.sms;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

import jakarta.persistence.LockModeType;

public interface SentSmsRepository extends JpaRepository<SentSms, Long> {

    Optional<SentSms> findByIdAndAccountIdAndTransportName(Long id, Long accountId, String transportName);

    List<SentSms> findByIdInAndAccountIdAndTransportNameOrderByCreatedAtDescIdDesc(Collection<Long> ids,
            Long accountId, String transportName);

    List<SentSms> findByAccountIdAndTransportNameAndUpdatedAtGreaterThanEqualOrderByCreatedAtDescIdDesc(
            Long accountId, String transportName, Instant since, Pageable page);

    /** Locked: events about one SMS may be handled by several consumers at once. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    Optional<SentSms> findByMessageId(String messageId);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    Optional<SentSms> findFirstByTransportNameAndTransportMsgId(String transportName, String transportMsgId);

    /**
     * Locks the rows it answers until the caller's transaction ends, skipping rows another transaction holds: two
     * sweepers (two API processes) never take the same row.
     */
    @Query(value = "select * from sent_sms where published_at is null and created_at < :before order by id"
            + " limit :limit for update skip locked", nativeQuery = true)
    List<SentSms> claimUnpublished(Instant before, int limit);

    /**
     * Locks the rows in id order before it changes them, as the events' batches do (StatusTracker): two
     * transactions that lock some of the same rows in different orders can deadlock, and a mark lost to a deadlock
     * leaves its rows to be published again.
     */
    @Transactional
    @Modifying
    @Query(value = "update sent_sms set published_at = :at where id in (select id from sent_sms where id in :ids"
            + " and published_at is null order by id for update)", nativeQuery = true)
    int markPublished(Collection<Long> ids, Instant at);
}
