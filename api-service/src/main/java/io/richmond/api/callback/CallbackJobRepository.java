package io.richmond.api.callback;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.transaction.annotation.Transactional;

public interface CallbackJobRepository extends JpaRepository<CallbackJobRecord, String> {

    /**
     * Locks the rows it answers until the caller's transaction ends, skipping rows another transaction holds: two
     * sweepers (two API processes) never take the same row.
     */
    @Query(value = "select * from callback_job where published_at is null and created_at < :before"
            + " order by created_at limit :limit for update skip locked", nativeQuery = true)
    List<CallbackJobRecord> claimUnpublished(Instant before, int limit);

    @Transactional
    @Modifying
    @Query("update CallbackJobRecord j set j.publishedAt = :at where j.id in :ids and j.publishedAt is null")
    int markPublished(Collection<String> ids, Instant at);
}
