package dev.reflex.runners.remote;

import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Checks SSH host keys against a known_hosts file (plain and hashed entries, {@code [host]:port}
 * for other ports, {@code @revoked} markers), re-reading the file for every key exchange. An
 * unknown or changed key is refused, and the reason, naming the host and the key's SHA-256
 * fingerprint, is recorded in the connection context made by {@link #connectionContext} so the
 * runner can report it whatever the connection attempt failed with afterwards. The host checked is
 * the target the runner meant to reach, even through a bastion's forwarded port.
 *
 * <p>The reason is deliberately not kept as a session attribute: MINA clears a session's attributes
 * once the session is closed, and a refused key closes the session, racing with the caller's wait
 * for the key exchange or authentication; the connection context outlives the session.
 */
final class HostKeyVerifier implements ServerKeyVerifier {

    /** Connection-context attribute: the host the runner is connecting to. */
    private static final AttributeRepository.AttributeKey<HostAddress> TARGET = new AttributeRepository.AttributeKey<>();

    /** Connection-context attribute: where a refusal's reason is left (the first one wins). */
    private static final AttributeRepository.AttributeKey<AtomicReference<String>> REFUSAL = new AttributeRepository.AttributeKey<>();

    private static final Logger LOG = LoggerFactory.getLogger(HostKeyVerifier.class);

    private final Path knownHosts;
    private final boolean acceptAny;

    HostKeyVerifier(Path knownHosts, boolean acceptAny) {
        this.knownHosts = knownHosts;
        this.acceptAny = acceptAny;
    }

    /**
     * A fresh connection context for one connection attempt to {@code target}: it names the host to
     * check the key for, and records why the key was refused, if it is.
     */
    static AttributeRepository connectionContext(HostAddress target) {
        return AttributeRepository.ofAttributesMap(Map.of(TARGET, target, REFUSAL, new AtomicReference<String>()));
    }

    /** Why the host key was refused on a connection made with {@code context}, if it was. */
    static Optional<String> refusal(AttributeRepository context) {
        AtomicReference<String> sink = context == null ? null : context.getAttribute(REFUSAL);
        return sink == null ? Optional.empty() : Optional.ofNullable(sink.get());
    }

    /**
     * Why the host key of this session was refused, if it was: at connection or at a later key
     * re-exchange. Still answers after the session is closed.
     */
    static Optional<String> refusal(ClientSession session) {
        return refusal(session.getConnectionContext());
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        AttributeRepository context = session.getConnectionContext();
        HostAddress target = context == null ? null : context.getAttribute(TARGET);
        if (target == null && remoteAddress instanceof InetSocketAddress inet) {
            target = new HostAddress(inet.getHostString(), inet.getPort(), inet.getHostString());
        }
        if (target == null) {
            return refuse(session, "Host key verification failed: the target host is unknown");
        }
        if (acceptAny) {
            LOG.debug("host key check skipped for {} (insecure_skip_host_key_check)", target.authority());
            return true;
        }
        String offered = describe(serverKey);
        List<KnownHostEntry> matching = new ArrayList<>();
        try {
            if (Files.exists(knownHosts)) {
                for (KnownHostEntry entry : KnownHostEntry.readKnownHostEntries(knownHosts)) {
                    if (!"cert-authority".equals(entry.getMarker()) && entry.isHostMatch(target.host(), target.port())) {
                        matching.add(entry);
                    }
                }
            }
        } catch (IOException e) {
            return refuse(session, "Host key verification failed for " + target.authority() + ": cannot read known_hosts file "
                    + knownHosts + ": " + e.getMessage());
        }
        List<String> listed = new ArrayList<>();
        for (KnownHostEntry entry : matching) {
            PublicKey known = resolve(entry);
            if (known == null) {
                continue;
            }
            boolean same = KeyUtils.compareKeys(known, serverKey);
            if (same && "revoked".equals(entry.getMarker())) {
                return refuse(session, "Host key verification failed for " + target.authority() + ": the server presented "
                        + offered + ", which known_hosts file " + knownHosts + " marks @revoked");
            }
            if (same) {
                return true;
            }
            if (!"revoked".equals(entry.getMarker())) {
                listed.add(describe(known));
            }
        }
        if (listed.isEmpty()) {
            return refuse(session, "Host key verification failed for " + target.authority() + ": the server presented "
                    + offered + ", which is not in known_hosts file " + knownHosts + ". Check that fingerprint with the"
                    + " host's owner, then add the host's key to the file (ssh-keyscan -p " + target.port() + " "
                    + target.host() + ")");
        }
        return refuse(session, "Host key verification failed for " + target.authority() + ": the host key has CHANGED."
                + " The server presented " + offered + ", but known_hosts file " + knownHosts + " lists "
                + String.join(", ", listed) + " for this host. This may be a reinstalled host or a man-in-the-middle"
                + " attack; replace the entry only after checking the new fingerprint");
    }

    private static PublicKey resolve(KnownHostEntry entry) {
        try {
            return entry.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.IGNORING);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }

    private static String describe(PublicKey key) {
        return KeyUtils.getKeyType(key) + " key " + KeyUtils.getFingerPrint(key);
    }

    private static boolean refuse(ClientSession session, String problem) {
        AttributeRepository context = session.getConnectionContext();
        AtomicReference<String> sink = context == null ? null : context.getAttribute(REFUSAL);
        if (sink != null) {
            sink.compareAndSet(null, problem);
        }
        LOG.warn(problem);
        return false;
    }
}
