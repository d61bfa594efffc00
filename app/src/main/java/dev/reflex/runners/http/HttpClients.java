package dev.reflex.runners.http;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The {@link HttpClient}s of the HTTP runner, one per combination of TLS verification, redirect
 * policy and proxy, created on first use and shared by all executions. Clients run their work on
 * virtual threads.
 */
final class HttpClients implements AutoCloseable {

    /** What distinguishes one client from another. */
    record Key(boolean verifyTls, boolean followRedirects, Optional<String> proxy) {
    }

    private final Map<Key, HttpClient> clients = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    HttpClient get(Key key) {
        return clients.computeIfAbsent(key, this::build);
    }

    private HttpClient build(Key key) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .executor(executor)
                .connectTimeout(Duration.ofSeconds(30))
                .followRedirects(key.followRedirects() ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER);
        key.proxy().ifPresent(proxy -> {
            URI uri = URI.create(proxy.contains("://") ? proxy : "http://" + proxy);
            int port = uri.getPort() > 0 ? uri.getPort() : ("https".equals(uri.getScheme()) ? 443 : 80);
            builder.proxy(ProxySelector.of(new InetSocketAddress(uri.getHost(), port)));
        });
        if (!key.verifyTls()) {
            builder.sslContext(trustingEverything());
        }
        return builder.build();
    }

    /** A TLS context that accepts any certificate for any host name: {@code verify_ssl_cert: false}. */
    private static SSLContext trustingEverything() {
        TrustManager trustAll = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket socket) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustAll}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available", e);
        }
    }

    @Override
    public void close() {
        clients.values().forEach(HttpClient::close);
        clients.clear();
        executor.close();
    }
}
