package io.richmond.api.callback;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

public interface CallbackJobRepository extends JpaRepository<CallbackJobRecord, String> {

    @Query("select j from CallbackJobRecord j where j.publishedAt is null and j.createdAt < :before"
            + " order by j.createdAt")
    List<CallbackJobRecord> findUnpublished(Instant before, Pageable page);

    @Transactional
    @Modifying
    @Query("update CallbackJobRecord j set j.publishedAt = :at where j.id in :ids and j.publishedAt is null")
    int markPublished(Collection<String> ids, Instant at);
}
