package io.richmond.sdk.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TemporaryFailureTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                argumentSet("no connection in the pool in time",
                        new SQLTransientConnectionException("Connection is not available, request timed out"), true),
                argumentSet("connection refused while the database starts",
                        new IllegalStateException("Could not open JPA EntityManager",
                                new SQLException("Connection to 127.0.0.1:5432 refused", "08001")), true),
                argumentSet("connection terminated by a restart",
                        new RuntimeException("Unable to rollback", new SQLException("terminating", "57P01")), true),
                argumentSet("the database is starting up", new SQLException("starting up", "57P03"), true),
                argumentSet("a deadlock", new SQLException("deadlock detected", "40P01"), true),
                argumentSet("a duplicate key", new SQLIntegrityConstraintViolationException("dup", "23505"), false),
                argumentSet("bad data", new RuntimeException(new SQLException("value too long", "22001")), false),
                argumentSet("a connection the pool closed",
                        new RuntimeException("Unable to rollback", new SQLException("Connection is closed")), true),
                argumentSet("not a database error", new IOException("disk full"), false),
                argumentSet("a bug", new NullPointerException(), false));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void tellsFailuresThatPassByThemselvesFromTheOthers(Throwable failure, boolean temporary) {
        assertThat(TemporaryFailure.isTemporary(failure)).isEqualTo(temporary);
    }

    @ParameterizedTest
    @MethodSource("failures")
    void survivesACycleOfCauses(Throwable failure, boolean temporary) {
        Throwable loop = new RuntimeException("outer");
        Throwable inner = new RuntimeException("inner", loop);
        loop.initCause(failure);
        assertThat(TemporaryFailure.isTemporary(inner)).isEqualTo(temporary);
    }
}
