package dev.reflex.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reflex.api.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A small HTTP client for the Reflex API used by the CLI. Error responses become a
 * {@link CliException} carrying the problem's detail, so commands print one clear line.
 */
public final class ApiClient {

    private final String base;
    private final String apiKey;
    private final HttpClient http;

    public ApiClient(String baseUrl, String apiKey) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** GET a path; returns the parsed JSON body. */
    public JsonNode get(String path, Map<String, String> query) {
        return send("GET", path + queryString(query), null);
    }

    /** PUT a JSON body. */
    public JsonNode put(String path, Object body) {
        return send("PUT", path, Json.write(body));
    }

    /** POST a JSON body. */
    public JsonNode post(String path, Object body) {
        return send("POST", path, Json.write(body));
    }

    /** DELETE a path; returns the body, or an empty node for 204. */
    public JsonNode delete(String path) {
        return send("DELETE", path, null);
    }

    /**
     * GETs a text resource and hands it over line by line as it arrives (a streamed execution output),
     * until the server ends the response.
     */
    public void streamLines(String path, java.util.function.Consumer<String> lines) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/plain");
        if (apiKey != null) {
            b.header("St2-Api-Key", apiKey);
        }
        try {
            HttpResponse<java.util.stream.Stream<String>> resp = http.send(b.GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
            if (resp.statusCode() >= 400) {
                String body = String.join("\n", resp.body().toList());
                JsonNode json = parse(body);
                throw new CliException("error " + resp.statusCode() + ": "
                        + (json != null && json.hasNonNull("detail") ? json.get("detail").asText() : body));
            }
            try (java.util.stream.Stream<String> stream = resp.body()) {
                stream.forEach(lines);
            }
        } catch (ConnectException e) {
            throw new CliException("cannot reach Reflex at " + base + ": connection refused (is `reflex server` running?"
                    + " set --url or REFLEX_URL)");
        } catch (IOException e) {
            throw new CliException("cannot reach Reflex at " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    /** Escapes one path segment. */
    public static String segment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String queryString(Map<String, String> query) {
        if (query == null || query.isEmpty()) {
            return "";
        }
        StringJoiner j = new StringJoiner("&", "?", "");
        for (Map.Entry<String, String> e : new LinkedHashMap<>(query).entrySet()) {
            if (e.getValue() != null) {
                j.add(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            }
        }
        return j.length() == 1 ? "" : j.toString();
    }

    private JsonNode send(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (apiKey != null) {
            b.header("St2-Api-Key", apiKey);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> resp;
        try {
            resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new CliException("cannot reach Reflex at " + base + ": connection refused (is `reflex server` running?"
                    + " set --url or REFLEX_URL)");
        } catch (IOException e) {
            throw new CliException("cannot reach Reflex at " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
        JsonNode json = parse(resp.body());
        if (resp.statusCode() >= 400) {
            String detail = json != null && json.hasNonNull("detail") ? json.get("detail").asText()
                    : json != null && json.hasNonNull("faultstring") ? json.get("faultstring").asText() : resp.body();
            StringBuilder all = new StringBuilder(detail);
            if (json != null && json.has("errors") && json.get("errors").isArray() && json.get("errors").size() > 1) {
                json.get("errors").forEach(e -> all.append(System.lineSeparator()).append("  ").append(e.asText()));
            }
            throw new CliException("error " + resp.statusCode() + ": " + all);
        }
        return json == null ? Json.mapper().createObjectNode() : json;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            return Json.mapper().getNodeFactory().textNode(body);
        }
    }
}
