package dev.reflex.runners.http;

import java.time.Clock;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.reflex.runners.RunContext;
import dev.reflex.runners.RunOutcome;
import dev.reflex.runners.RunRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** verify_ssl_cert against a JDK HTTPS server with a self-signed certificate made by keytool. */
class HttpsVerificationTest {

    private static HttpsServer server;
    private static Path dir;
    private static final HttpRequestRunner RUNNER = new HttpRequestRunner();

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("reflex-https-");
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=reflex-test", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        keytool.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        assertThat(keytool.waitFor()).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", ex -> {
            byte[] body = "secure".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop(0);
        RUNNER.close();
        Files.deleteIfExists(dir.resolve("server.p12"));
        Files.deleteIfExists(dir);
    }

    private RunOutcome get(boolean verify) {
        return RUNNER.run(RunRequest.of("e", "core.http").withRunnerParameters(Map.of(
                "url", "https://127.0.0.1:" + server.getAddress().getPort() + "/", "verify_ssl_cert", verify)),
                RunContext.standalone(Clock.systemUTC()));
    }

    @Test
    void selfSignedCertificateIsRefusedUnlessVerificationIsOff() {
        RunOutcome verified = get(true);
        assertThat(verified).isInstanceOf(RunOutcome.Failed.class);
        assertThat((String) verified.result().get("error")).contains("SSLHandshakeException");

        RunOutcome unverified = get(false);
        assertThat(unverified).isInstanceOf(RunOutcome.Succeeded.class);
        assertThat(unverified.result()).containsEntry("body", "secure");
    }
}
