package dev.reflex.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny HTTP client for tests: one base URL, optional default headers, string bodies. */
public final class Http {

    private final String base;
    private final String[] headers;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A client for {@code base} sending {@code headers} (name, value, name, value…) on every request. */
    public Http(String base, String... headers) {
        this.base = base;
        this.headers = headers;
    }

    /** A client on {@code 127.0.0.1:port}. */
    public static Http local(int port, String... headers) {
        return new Http("http://127.0.0.1:" + port, headers);
    }

    /** A copy that also sends {@code more} headers. */
    public Http with(String... more) {
        String[] all = new String[headers.length + more.length];
        System.arraycopy(headers, 0, all, 0, headers.length);
        System.arraycopy(more, 0, all, headers.length, more.length);
        return new Http(base, all);
    }

    public HttpResponse<String> get(String path) {
        return send("GET", path, null, null);
    }

    public HttpResponse<String> delete(String path) {
        return send("DELETE", path, null, null);
    }

    public HttpResponse<String> put(String path, String json) {
        return send("PUT", path, json, "application/json");
    }

    public HttpResponse<String> post(String path, String json) {
        return send("POST", path, json, "application/json");
    }

    /** Any method, any body, any content type (null for none). */
    public HttpResponse<String> send(String method, String path, String body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            b.headers(headers);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
