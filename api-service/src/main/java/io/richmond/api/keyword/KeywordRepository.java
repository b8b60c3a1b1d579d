package io.richmond.api.keyword;

import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface KeywordRepository extends JpaRepository<Keyword, Long> {

    Optional<Keyword> findByNumberAndKeyword(String number, String keyword);

    List<Keyword> findByAccountIdOrderByIdAsc(Long accountId);

    Optional<Keyword> findByIdAndAccountId(Long id, Long accountId);
}
