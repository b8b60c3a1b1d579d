package io.richmond.api.account;

import org.springframework.data.jpa.repository.JpaRepository;

public interface NumberRouteRepository extends JpaRepository<NumberRoute, String> {
}
