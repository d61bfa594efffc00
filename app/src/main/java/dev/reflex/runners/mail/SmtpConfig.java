package dev.reflex.runners.mail;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The SMTP server the {@code email} runner sends through, from the Reflex configuration.
 *
 * @param host         the SMTP server
 * @param port         its port (25, 587 for submission, 465 for implicit TLS)
 * @param security     how the connection is protected
 * @param username     the login, if the server wants one
 * @param password     the password, or a {@code kv:NAME} reference to the key-value store
 * @param defaultFrom  the sender when a message gives none
 * @param timeout      the connect, read and write timeout
 * @param trustedHosts hosts whose certificates are trusted without a CA chain (self-signed test
 *                     servers); empty to verify certificates normally
 */
public record SmtpConfig(String host, int port, Security security, Optional<String> username, Optional<String> password,
                         String defaultFrom, Duration timeout, List<String> trustedHosts) {

    /** How the SMTP connection is protected. */
    public enum Security {
        /** Plain SMTP. */
        NONE,
        /** STARTTLS when the server offers it. */
        STARTTLS,
        /** STARTTLS, refusing servers that do not offer it. */
        STARTTLS_REQUIRED,
        /** TLS from the first byte (SMTPS, usually port 465). */
        TLS
    }

    public SmtpConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(defaultFrom, "defaultFrom");
        Objects.requireNonNull(timeout, "timeout");
        trustedHosts = List.copyOf(trustedHosts);
    }

    /** Plain SMTP to {@code host:port} without login, 30 s timeouts. */
    public static SmtpConfig plain(String host, int port, String defaultFrom) {
        return new SmtpConfig(host, port, Security.NONE, Optional.empty(), Optional.empty(), defaultFrom,
                Duration.ofSeconds(30), List.of());
    }

    /** The same server with a login. */
    public SmtpConfig withLogin(String user, String passwordOrReference) {
        return new SmtpConfig(host, port, security, Optional.of(user), Optional.of(passwordOrReference), defaultFrom,
                timeout, trustedHosts);
    }

    /** The same server with another protection, trusting the given hosts' certificates. */
    public SmtpConfig withSecurity(Security mode, List<String> trusted) {
        return new SmtpConfig(host, port, mode, username, password, defaultFrom, timeout, trusted);
    }

    /** Shows everything but the password. */
    @Override
    public String toString() {
        return "SmtpConfig[" + host + ":" + port + ", " + security + ", user=" + username.orElse("-")
                + ", password=" + (password.isPresent() ? "********" : "-") + ", from=" + defaultFrom + "]";
    }
}
