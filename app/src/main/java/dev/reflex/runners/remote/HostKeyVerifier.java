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
import java.util.concurrent.atomic.AtomicReference;

/**
 * Checks SSH host keys against a known_hosts file (plain and hashed entries, {@code [host]:port}
 * for other ports, {@code @revoked} markers), re-reading the file for every new connection. An
 * unknown or changed key is refused, and the reason, naming the host and the key's SHA-256
 * fingerprint, is left on the session for {@link #problem} so the runner can report it clearly.
 * The host checked is the target the runner meant to reach, even through a bastion's forwarded port.
 */
final class HostKeyVerifier implements ServerKeyVerifier {

    /** Session attribute: the host the runner is connecting to. */
    static final AttributeRepository.AttributeKey<HostAddress> TARGET = new AttributeRepository.AttributeKey<>();

    /**
     * Connection-context attribute: where a refusal's reason is also left, for a caller whose connect
     * failed before it got hold of the session (the key exchange can end the connection that early).
     */
    static final AttributeRepository.AttributeKey<AtomicReference<String>> REFUSAL = new AttributeRepository.AttributeKey<>();

    private static final AttributeRepository.AttributeKey<String> PROBLEM = new AttributeRepository.AttributeKey<>();
    private static final Logger LOG = LoggerFactory.getLogger(HostKeyVerifier.class);

    private final Path knownHosts;
    private final boolean acceptAny;

    HostKeyVerifier(Path knownHosts, boolean acceptAny) {
        this.knownHosts = knownHosts;
        this.acceptAny = acceptAny;
    }

    /** Why the host key of this session was refused, if it was. */
    static String problem(ClientSession session) {
        return session.getAttribute(PROBLEM);
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
        session.setAttribute(PROBLEM, problem);
        AttributeRepository context = session.getConnectionContext();
        AtomicReference<String> sink = context == null ? null : context.getAttribute(REFUSAL);
        if (sink != null) {
            sink.set(problem);
        }
        LOG.warn(problem);
        return false;
    }
}
