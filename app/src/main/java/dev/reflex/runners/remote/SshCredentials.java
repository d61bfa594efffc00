package dev.reflex.runners.remote;

import dev.reflex.runners.Secrets;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.util.security.SecurityUtils;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who to log in as and how: a user name with a password, or with the key pairs of a private key.
 * The key comes, in this order, from the {@code password} parameter, the {@code private_key}
 * parameter (key text, a key file path, or a {@code kv:NAME} reference to either), or the configured
 * default key file. {@link #identity()} is a salted digest that tells credential sets apart for
 * session pooling without holding the secret itself; {@link #toString()} shows only the user.
 */
final class SshCredentials {

    private static final byte[] SALT = new SecureRandom().generateSeed(16);

    private final String username;
    private final Optional<String> password;
    private final List<KeyPair> keys;
    private final String identity;

    private SshCredentials(String username, Optional<String> password, List<KeyPair> keys) {
        this.username = username;
        this.password = password;
        this.keys = List.copyOf(keys);
        this.identity = digest(username, password, keys);
    }

    /**
     * Resolves the credentials of an execution.
     *
     * @throws IllegalArgumentException with a message naming what is wrong but no secret
     */
    static SshCredentials resolve(String username, Optional<String> password, Optional<String> privateKey,
                                  Optional<String> passphrase, Optional<Path> defaultKey,
                                  Function<String, Optional<String>> secrets) {
        Optional<String> pw = password.filter(s -> !s.isEmpty()).map(s -> Secrets.resolve(s, secrets));
        if (pw.isPresent()) {
            return new SshCredentials(username, pw, List.of());
        }
        Optional<String> phrase = passphrase.filter(s -> !s.isEmpty()).map(s -> Secrets.resolve(s, secrets));
        Optional<String> key = privateKey.filter(s -> !s.isEmpty()).map(s -> Secrets.resolve(s, secrets));
        if (key.isPresent()) {
            String value = key.get();
            if (value.contains("PRIVATE KEY-----")) {
                return new SshCredentials(username, Optional.empty(), loadKeys("private_key", value, phrase));
            }
            return new SshCredentials(username, Optional.empty(), loadKeys("private_key file " + value, read(Path.of(value)), phrase));
        }
        if (defaultKey.isPresent()) {
            Path file = defaultKey.get();
            return new SshCredentials(username, Optional.empty(), loadKeys("default key file " + file, read(file), phrase));
        }
        throw new IllegalArgumentException("no password or private_key given and no default private key configured");
    }

    String username() {
        return username;
    }

    Optional<String> password() {
        return password;
    }

    List<KeyPair> keys() {
        return keys;
    }

    /** A digest that differs between credential sets, for the session pool key. */
    String identity() {
        return identity;
    }

    /** Which kind of credentials these are, for error messages. */
    String kind() {
        return password.isPresent() ? "password" : "public key " + KeyUtils.getFingerPrint(keys.getFirst().getPublic());
    }

    @Override
    public String toString() {
        return "SshCredentials[" + username + ", " + (password.isPresent() ? "password" : keys.size() + " key(s)") + "]";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("private key file " + file + " cannot be read: " + e.getClass().getSimpleName());
        }
    }

    private static List<KeyPair> loadKeys(String source, String text, Optional<String> passphrase) {
        List<KeyPair> pairs = new ArrayList<>();
        try (InputStream in = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))) {
            FilePasswordProvider provider = passphrase.map(FilePasswordProvider::of).orElse(FilePasswordProvider.EMPTY);
            Iterable<KeyPair> loaded = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("private_key"), in, provider);
            if (loaded != null) {
                loaded.forEach(pairs::add);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException(source + " could not be loaded (wrong passphrase or unsupported key format)");
        }
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException(source + " holds no private key");
        }
        return pairs;
    }

    private static String digest(String username, Optional<String> password, List<KeyPair> keys) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(SALT);
            sha.update(username.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            password.ifPresent(p -> sha.update(p.getBytes(StandardCharsets.UTF_8)));
            for (KeyPair pair : keys) {
                sha.update(pair.getPublic().getEncoded());
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
