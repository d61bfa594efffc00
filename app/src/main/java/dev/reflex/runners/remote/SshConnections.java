package dev.reflex.runners.remote;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.forward.ExplicitPortForwardingTracker;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;

import java.io.IOException;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The SSH client side shared by the remote runners: one started MINA {@link SshClient} with
 * known-hosts checking, and the pool of authenticated sessions. {@link #open} gives a lease on a
 * session to a host, connecting (directly or through a bastion's forwarded port) and authenticating
 * only when the pool has no open session for that user, host, port and credentials. Idle sessions
 * are swept periodically. Close it when the application stops.
 */
public final class SshConnections implements AutoCloseable {

    private final RemoteRunnerConfig config;
    private final SshClient client;
    private final SshSessionPool pool;
    private final ScheduledExecutorService sweeper;

    /** Starts the SSH client with the configuration's host key policy; idle expiry is measured on {@code clock}. */
    public SshConnections(RemoteRunnerConfig config, Clock clock) {
        this.config = config;
        this.client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(new HostKeyVerifier(config.knownHosts(), config.insecureSkipHostKeyCheck()));
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
        CoreModuleProperties.IDLE_TIMEOUT.set(client, Duration.ZERO);
        CoreModuleProperties.NIO2_READ_TIMEOUT.set(client, Duration.ZERO);
        CoreModuleProperties.TCP_NODELAY.set(client, true);
        client.start();
        this.pool = new SshSessionPool(clock, config.idleExpiry());
        this.sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("ssh-pool-sweeper").factory());
        long period = Math.max(1, config.idleExpiry().toMillis() / 2);
        sweeper.scheduleAtFixedRate(pool::evictIdle, period, period, TimeUnit.MILLISECONDS);
    }

    /** The configuration these connections follow. */
    public RemoteRunnerConfig config() {
        return config;
    }

    /** How many SSH connections were opened so far (one login each). */
    public long connects() {
        return pool.connects();
    }

    /** How many times an open session was reused instead of connecting. */
    public long reuses() {
        return pool.reuses();
    }

    /** How many pooled sessions are open now. */
    public int openSessions() {
        return pool.openSessions();
    }

    /** Closes pooled sessions that are unused and idle past the expiry now; returns how many. */
    public int evictIdle() {
        return pool.evictIdle();
    }

    /**
     * A lease on an authenticated session to {@code target}.
     *
     * @throws SshFailure with a message that names the host and says what went wrong (refused
     *                    connection, unknown or changed host key, rejected credentials)
     */
    SshSessionPool.Lease open(HostAddress target, SshCredentials credentials, Optional<HostAddress> bastion)
            throws SshFailure {
        SshSessionPool.Key key = new SshSessionPool.Key(credentials.username(), target.host(), target.port(),
                bastion.map(HostAddress::authority).orElse(""), credentials.identity());
        try {
            if (bastion.isEmpty()) {
                return pool.acquire(key, () -> connect(target, target.host(), target.port(), credentials));
            }
            return pool.acquire(key, () -> connectThrough(bastion.get(), target, credentials));
        } catch (SshFailure e) {
            throw e;
        } catch (IOException e) {
            throw new SshFailure("Failed connecting to host " + target.authority() + ": " + describe(e));
        }
    }

    private ClientSession connectThrough(HostAddress bastion, HostAddress target, SshCredentials credentials)
            throws IOException {
        SshSessionPool.Lease hop;
        try {
            hop = open(bastion, credentials, Optional.empty());
        } catch (SshFailure e) {
            throw new SshFailure(e.getMessage() + " (bastion for host " + target.authority() + ")");
        }
        ExplicitPortForwardingTracker tracker = null;
        try {
            tracker = hop.session().createLocalPortForwardingTracker(
                    new SshdSocketAddress("127.0.0.1", 0), new SshdSocketAddress(target.host(), target.port()));
            SshdSocketAddress local = tracker.getBoundAddress();
            ClientSession session = connect(target, local.getHostName(), local.getPort(), credentials);
            ExplicitPortForwardingTracker forwarding = tracker;
            session.addCloseFutureListener(f -> {
                try {
                    forwarding.close();
                } catch (IOException e) {
                    // the bastion session is gone already
                }
                hop.close();
            });
            return session;
        } catch (IOException | RuntimeException e) {
            if (tracker != null) {
                tracker.close();
            }
            hop.close();
            if (e instanceof SshFailure failure) {
                throw new SshFailure(failure.getMessage() + " (through bastion " + bastion.authority() + ")");
            }
            throw new SshFailure("Failed connecting to host " + target.authority() + " through bastion "
                    + bastion.authority() + ": " + describe(e));
        }
    }

    private ClientSession connect(HostAddress target, String socketHost, int socketPort, SshCredentials credentials)
            throws IOException {
        // A refused host key makes MINA close the session, and which of the connect future, the
        // authentication future or the session's close the waiting thread sees first is a race; the
        // refusal recorded in this context, before any of them fails, is what gets reported.
        AttributeRepository context = HostKeyVerifier.connectionContext(target);
        ClientSession session;
        try {
            session = client.connect(credentials.username(), socketHost, socketPort, context, null)
                    .verify(config.connectTimeout()).getSession();
        } catch (IOException | RuntimeException e) {
            throw new SshFailure(HostKeyVerifier.refusal(context)
                    .orElseGet(() -> "Failed connecting to host " + target.authority() + ": " + describe(e)));
        }
        try {
            credentials.password().ifPresent(session::addPasswordIdentity);
            for (KeyPair pair : credentials.keys()) {
                session.addPublicKeyIdentity(pair);
            }
            session.auth().verify(config.connectTimeout());
        } catch (IOException | RuntimeException e) {
            session.close(true);
            Optional<String> refused = HostKeyVerifier.refusal(context);
            if (refused.isPresent()) {
                throw new SshFailure(refused.get());
            }
            if (session.isOpen() || isAuthFailure(e)) {
                throw new SshFailure("Authentication failed for " + credentials.username() + "@" + target.authority()
                        + ": the server rejected the " + credentials.kind());
            }
            throw new SshFailure("Failed connecting to host " + target.authority() + ": " + describe(e));
        }
        // The key exchange is over once authentication succeeded, so a refusal would have failed it;
        // checked anyway so that a session whose key was refused is never handed out.
        Optional<String> refused = HostKeyVerifier.refusal(context);
        if (refused.isPresent()) {
            session.close(true);
            throw new SshFailure(refused.get());
        }
        return session;
    }

    private static boolean isAuthFailure(Exception e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return message.contains("authentication") || message.contains("no more auth");
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    /** Closes every pooled session and stops the client. */
    @Override
    public void close() {
        sweeper.shutdownNow();
        pool.close();
        try {
            client.stop();
        } finally {
            try {
                client.close();
            } catch (IOException e) {
                // stopping anyway
            }
        }
    }

    /** A connection or login problem, with a message fit for the execution result. */
    static final class SshFailure extends IOException {
        private static final long serialVersionUID = 1L;

        SshFailure(String message) {
            super(message);
        }
    }
}
