package io.richmond.local.account;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * The API's first account, which api-service creates on its first start. Its password comes from
 * RICHMOND_BOOTSTRAP_PASSWORD, else from a file of the local run's, else it is generated and written there (readable
 * by its owner only): the database outlives restarts, so the banner has to show the password the account was made
 * with, not a new one.
 *
 * @param origin where the password came from, for the banner
 */
public record BootstrapAccount(String username, String password, String origin) {

    static final String USERNAME = "RICHMOND_BOOTSTRAP_USERNAME";
    static final String PASSWORD = "RICHMOND_BOOTSTRAP_PASSWORD";
    private static final String DEFAULT_USERNAME = "admin";
    private static final int PASSWORD_BYTES = 18;
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    public static BootstrapAccount resolve(Map<String, String> environment, Path passwordFile) throws IOException {
        String username = environment.getOrDefault(USERNAME, "").strip();
        if (username.isEmpty()) {
            username = DEFAULT_USERNAME;
        }
        String fromEnvironment = environment.getOrDefault(PASSWORD, "");
        if (!fromEnvironment.isEmpty()) {
            return new BootstrapAccount(username, fromEnvironment, "from " + PASSWORD);
        }
        if (Files.exists(passwordFile)) {
            String stored = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            if (stored.isEmpty()) {
                throw new IllegalStateException(passwordFile + " is empty: delete it to have a password generated, or"
                        + " set " + PASSWORD);
            }
            return new BootstrapAccount(username, stored, "kept in " + passwordFile);
        }
        String generated = generatePassword();
        store(passwordFile, generated);
        return new BootstrapAccount(username, generated, "generated, kept in " + passwordFile);
    }

    /** 24 characters of letters, digits, {@code -} and {@code _}: safe in a URL, a shell and a curl -u. */
    static String generatePassword() {
        byte[] random = new byte[PASSWORD_BYTES];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static void store(Path passwordFile, String password) throws IOException {
        Files.createDirectories(passwordFile.toAbsolutePath().getParent());
        try {
            Files.createFile(passwordFile, OWNER_ONLY);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException(passwordFile + " appeared while this run was creating it: is another local"
                    + " run starting?", e);
        }
        Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
    }

    /** What api-service reads to create the account. */
    public Map<String, String> serviceEnvironment() {
        return Map.of(USERNAME, username, PASSWORD, password);
    }
}
