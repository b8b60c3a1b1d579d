package io.richmond.api.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;

import tools.jackson.databind.json.JsonMapper;

class UncheckedCredentialsEntryPointTest {

    private final UncheckedCredentialsEntryPoint entryPoint =
            new UncheckedCredentialsEntryPoint("Richmond", JsonMapper.builder().build());

    @Test
    void credentialsFoundWrongAreUnauthorized() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        entryPoint.commence(new MockHttpServletRequest("POST", "/api/v1/sms/clickatell/send.json"), response,
                new BadCredentialsException("Bad credentials"));

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).startsWith("Basic realm=\"Richmond\"");
    }

    @Test
    void credentialsThatCouldNotBeCheckedAreTriedAgainLater() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        entryPoint.commence(new MockHttpServletRequest("POST", "/api/v1/sms/clickatell/send.json"), response,
                new InternalAuthenticationServiceException("lookup failed",
                        new SQLTransientConnectionException("Connection is not available")));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("1");
        assertThat(response.getHeader("WWW-Authenticate")).isNull();
        assertThat(response.getContentAsString()).contains("\"error\":\"Service Unavailable\"")
                .contains("try again");
    }

    @Test
    void aThrottledLoginIsTooManyRequestsUntilATokenComesBack() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        entryPoint.commence(new MockHttpServletRequest("GET", "/api/v1/account/callbacks.json"), response,
                new LoginThrottledException("too many failed logins for this username", 59_000_000_001L));

        assertThat(response.getStatus()).isEqualTo(429);
        assertThat(response.getHeader("Retry-After")).isEqualTo("60");
        assertThat(response.getHeader("WWW-Authenticate")).isNull();
        assertThat(response.getContentAsString()).isEqualTo("{\"error\":\"Too Many Requests\",\"message\":"
                + "\"too many failed logins for this username; retry in 60 s\"}");
    }
}
