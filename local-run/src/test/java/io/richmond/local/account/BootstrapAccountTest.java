package io.richmond.local.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootstrapAccountTest {

    @TempDir
    Path folder;

    @Test
    void generatesAPasswordOnceAndKeepsItForTheOwnerOnly() throws Exception {
        Path file = folder.resolve("var").resolve("bootstrap-password");

        BootstrapAccount first = BootstrapAccount.resolve(Map.of(), file);
        BootstrapAccount second = BootstrapAccount.resolve(Map.of(), file);

        assertThat(first.username()).isEqualTo("admin");
        assertThat(first.password()).matches("[A-Za-z0-9_-]{24}");
        assertThat(first.origin()).isEqualTo("generated, kept in " + file);
        assertThat(second.password()).isEqualTo(first.password());
        assertThat(second.origin()).isEqualTo("kept in " + file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void generatesADifferentPasswordEachTime() {
        assertThat(BootstrapAccount.generatePassword()).isNotEqualTo(BootstrapAccount.generatePassword());
    }

    @Test
    void takesTheAccountFromTheEnvironmentWithoutStoringIt() throws Exception {
        Path file = folder.resolve("bootstrap-password");

        BootstrapAccount account = BootstrapAccount.resolve(Map.of(
                "RICHMOND_BOOTSTRAP_USERNAME", "simon",
                "RICHMOND_BOOTSTRAP_PASSWORD", "it's s3cret"), file);

        assertThat(account).isEqualTo(new BootstrapAccount("simon", "it's s3cret",
                "from RICHMOND_BOOTSTRAP_PASSWORD"));
        assertThat(account.serviceEnvironment()).isEqualTo(Map.of(
                "RICHMOND_BOOTSTRAP_USERNAME", "simon", "RICHMOND_BOOTSTRAP_PASSWORD", "it's s3cret"));
        assertThat(file).doesNotExist();
    }

    @Test
    void prefersTheEnvironmentToTheStoredPassword() throws Exception {
        Path file = folder.resolve("bootstrap-password");
        Files.writeString(file, "stored\n");

        assertThat(BootstrapAccount.resolve(Map.of("RICHMOND_BOOTSTRAP_PASSWORD", "given"), file).password())
                .isEqualTo("given");
        assertThat(BootstrapAccount.resolve(Map.of(), file).password()).isEqualTo("stored");
    }

    @Test
    void refusesAnEmptyStoredPassword() throws Exception {
        Path file = folder.resolve("bootstrap-password");
        Files.writeString(file, "\n");

        assertThatThrownBy(() -> BootstrapAccount.resolve(Map.of(), file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(file + " is empty: delete it to have a password generated, or set"
                        + " RICHMOND_BOOTSTRAP_PASSWORD");
    }
}
