package io.richmond.api.callback;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface CallbackUrlRepository extends JpaRepository<CallbackUrl, Long> {

    List<CallbackUrl> findByAccountIdOrderByIdAsc(Long accountId);

    List<CallbackUrl> findByAccountIdAndNameOrderByIdAsc(Long accountId, String name);

    Optional<CallbackUrl> findByIdAndAccountId(Long id, Long accountId);
}
