package io.richmond.simulators.truteq;

import java.util.Objects;

/**
 * The fake TruTeq's port and the one account it accepts.
 *
 * @param port 0 for any free port
 */
public record TruteqSettings(int port, String username, String password) {

    public TruteqSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("the TruTeq port must be 0 to 65535, not " + port);
        }
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        // The username is a middle field of the login line; the password is its last and may hold commas.
        if (username.isEmpty() || username.contains(",")) {
            throw new IllegalArgumentException("the TruTeq username must be non-empty and without commas");
        }
        if (password.isEmpty() || password.contains("\r")) {
            throw new IllegalArgumentException("the TruTeq password must be non-empty and on one line");
        }
    }

    boolean accepts(String username, String password) {
        return this.username.equals(username) && this.password.equals(password);
    }

    /** Keeps the password off the terminal. */
    @Override
    public String toString() {
        return "TruteqSettings[port=" + port + ", username=" + username + "]";
    }
}
