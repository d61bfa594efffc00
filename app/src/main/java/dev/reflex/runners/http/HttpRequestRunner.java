package dev.reflex.runners.http;

import dev.reflex.runners.Cancellation;
import dev.reflex.runners.Json;
import dev.reflex.runners.ParameterValues;
import dev.reflex.runners.RunContext;
import dev.reflex.runners.RunOutcome;
import dev.reflex.runners.RunRequest;
import dev.reflex.runners.Runner;
import dev.reflex.runners.RunnerType;
import dev.reflex.runners.Secrets;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * The {@code http-request} runner. Request parameters ({@code method}, {@code body},
 * {@code params}, {@code auth}, {@code timeout}) are read from the action parameters, as
 * StackStorm's runner does, falling back to the runner parameters. The result is
 * {@code {status_code, body, parsed, headers}} with the body parsed when the response is
 * {@code application/json}; the execution succeeds on statuses 200–206, fails on others and on
 * connection errors ({@code {"error": …}}), and times out after {@code timeout} seconds. A JSON
 * request body (content type {@code application/json}) may be given as an object or a JSON string;
 * an object body with another content type is sent form-encoded.
 */
public final class HttpRequestRunner implements Runner, AutoCloseable {

    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final HttpClients clients = new HttpClients();

    @Override
    public RunnerType type() {
        return HttpRunnerTypes.HTTP_REQUEST;
    }

    @Override
    public RunOutcome run(RunRequest request, RunContext context) {
        if (context.cancellation().isCancelled()) {
            return new RunOutcome.Canceled(Map.of("error", "canceled before start"));
        }
        HttpRequest http;
        HttpClient client;
        try {
            ParameterValues runner = new ParameterValues(type(), request);
            String url = withQuery(runner.requiredString("url"), objectParam(request, "params"));
            checkHost(url, runner.array("url_hosts_blacklist"), runner.array("url_hosts_whitelist"));
            boolean https = url.regionMatches(true, 0, "https:", 0, 6);
            client = clients.get(new HttpClients.Key(runner.bool("verify_ssl_cert"), runner.bool("allow_redirects"),
                    runner.string(https ? "https_proxy" : "http_proxy").filter(s -> !s.isBlank())));
            http = build(request, runner, url, context);
        } catch (IllegalArgumentException e) {
            return RunOutcome.failure(e.getMessage());
        }
        return send(client, http, context.cancellation());
    }

    private HttpRequest build(RunRequest request, ParameterValues runner, String url, RunContext context) {
        Map<String, String> headers = new LinkedHashMap<>();
        ParameterValues.stringValues(runner.object("headers")).forEach(headers::put);
        headers.putIfAbsent("User-Agent", "Reflex");
        headers.put("X-Stanley-Action", request.actionRef());
        Map<String, Object> cookies = runner.object("cookies");
        if (!cookies.isEmpty()) {
            headers.put("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        Optional<String> username = runner.string("username").filter(s -> !s.isEmpty());
        Optional<String> password = runner.string("password").filter(s -> !s.isEmpty())
                .map(p -> Secrets.resolve(p, context.secrets()));
        Optional<String> auth = param(request, "auth").map(String::valueOf).filter(s -> !s.isEmpty())
                .map(a -> Secrets.resolve(a, context.secrets()));
        if (username.isPresent() || password.isPresent()) {
            String pair = username.orElse("") + ":" + password.orElse("");
            headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        } else if (auth.isPresent()) {
            int eq = auth.get().indexOf('=');
            if (eq > 0 && isHeaderName(auth.get().substring(0, eq).trim()) && eq + 1 < auth.get().length()
                    && auth.get().charAt(eq + 1) != '=') {
                headers.put(auth.get().substring(0, eq).trim(), auth.get().substring(eq + 1));
            } else {
                // "Basic dXNlcjpwYXNz==" or a bare token padded with '=' is an Authorization value
                headers.put("Authorization", auth.get());
            }
        }
        Optional<Object> body = param(request, "body").filter(b -> !(b instanceof String s && s.isEmpty()));
        String contentType = header(headers, "content-type").map(v -> v.split(";")[0].trim().toLowerCase(Locale.ROOT)).orElse("");
        Optional<String> payload = body.map(b -> encodeBody(b, contentType, headers));
        String method = param(request, "method").map(m -> String.valueOf(m).toUpperCase(Locale.ROOT))
                .orElse(payload.isPresent() ? "POST" : "GET");
        if (!HttpRunnerTypes.METHODS.contains(method)) {
            throw new IllegalArgumentException("method must be one of " + HttpRunnerTypes.METHODS + ", was " + method);
        }
        double timeout = param(request, "timeout").map(t -> Double.parseDouble(String.valueOf(t))).orElse(60.0);
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMillis(Math.max(1, (long) (timeout * 1000))))
                .method(method, payload.map(p -> HttpRequest.BodyPublishers.ofString(p, StandardCharsets.UTF_8))
                        .orElse(HttpRequest.BodyPublishers.noBody()));
        headers.forEach((name, value) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                builder.header(name, value);
            }
        });
        return builder.build();
    }

    private static String encodeBody(Object body, String contentType, Map<String, String> headers) {
        if (contentType.equals("application/json")) {
            if (body instanceof String text) {
                return Json.parse(text).map(v -> text).orElseThrow(() ->
                        new IllegalArgumentException("Request body can't be parsed as JSON"));
            }
            return Json.write(body);
        }
        if (body instanceof Map<?, ?> form) {
            if (contentType.isEmpty()) {
                headers.put("Content-Type", "application/x-www-form-urlencoded");
            }
            return form.entrySet().stream().map(e -> encode(String.valueOf(e.getKey())) + "=" + encode(String.valueOf(e.getValue())))
                    .collect(Collectors.joining("&"));
        }
        return body instanceof String text ? text : Json.write(body);
    }

    @SuppressWarnings("try") // the registration is only closed, never used
    private static RunOutcome send(HttpClient client, HttpRequest http, Cancellation cancellation) {
        CompletableFuture<HttpResponse<String>> pending = client.sendAsync(http, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> response;
        try (Cancellation.Registration ignored = cancellation.onCancel(() -> pending.cancel(true))) {
            response = pending.get();
        } catch (CancellationException e) {
            return new RunOutcome.Canceled(Map.of("error", "Action was canceled: " + cancellation.reason().orElse("canceled")));
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            return new RunOutcome.Canceled(Map.of("error", "Action was canceled: interrupted"));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cancellation.isCancelled()) {
                return new RunOutcome.Canceled(Map.of("error", "Action was canceled: " + cancellation.reason().orElse("canceled")));
            }
            if (cause instanceof HttpTimeoutException) {
                return new RunOutcome.TimedOut(Map.of("error", "Request to " + http.uri() + " timed out after "
                        + http.timeout().map(Duration::toMillis).orElse(0L) / 1000.0 + " seconds"));
            }
            return RunOutcome.failure("Request to " + http.uri() + " failed: " + describe(cause));
        }
        return outcome(response);
    }

    private static RunOutcome outcome(HttpResponse<String> response) {
        Map<String, Object> headers = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> headers.put(name, String.join(", ", values)));
        String contentType = response.headers().firstValue("content-type").orElse("");
        Object body = response.body() == null ? "" : response.body();
        boolean parsed = false;
        if (contentType.split(";")[0].trim().equalsIgnoreCase("application/json")) {
            Optional<Object> json = Json.parse(response.body());
            if (json.isPresent()) {
                body = json.get() == Json.NULL ? null : json.get();
                parsed = true;
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("status_code", response.statusCode());
        result.put("body", body);
        result.put("parsed", parsed);
        result.put("headers", headers);
        int status = response.statusCode();
        return status >= 200 && status <= 206 ? new RunOutcome.Succeeded(result) : new RunOutcome.Failed(result);
    }

    private static void checkHost(String url, List<Object> blacklist, List<Object> whitelist) {
        if (!blacklist.isEmpty() && !whitelist.isEmpty()) {
            throw new IllegalArgumentException("\"url_hosts_blacklist\" and \"url_hosts_whitelist\" parameters are mutually"
                    + " exclusive. Only one should be provided.");
        }
        String host;
        try {
            host = Optional.ofNullable(URI.create(url).getHost()).orElse("").replace("[", "").replace("]", "");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("URL \"" + url + "\" is not valid: " + e.getMessage());
        }
        if (blacklist.stream().map(String::valueOf).anyMatch(host::equalsIgnoreCase)) {
            throw new IllegalArgumentException("URL \"" + url + "\" is blacklisted");
        }
        if (!whitelist.isEmpty() && whitelist.stream().map(String::valueOf).noneMatch(host::equalsIgnoreCase)) {
            throw new IllegalArgumentException("URL \"" + url + "\" is not whitelisted");
        }
    }

    private static String withQuery(String url, Map<String, Object> params) {
        if (params.isEmpty()) {
            return url;
        }
        List<String> pairs = new ArrayList<>();
        params.forEach((name, value) -> {
            List<?> values = value instanceof List<?> list ? list : java.util.Collections.singletonList(value);
            for (Object v : values) {
                if (v != null) {
                    pairs.add(encode(name) + "=" + encode(String.valueOf(v)));
                }
            }
        });
        int hash = url.indexOf('#');
        String base = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        return base + (base.contains("?") ? "&" : "?") + String.join("&", pairs) + fragment;
    }

    private static Optional<Object> param(RunRequest request, String name) {
        Object value = request.actionParameters().get(name);
        if (value == null) {
            value = request.runnerParameters().get(name);
        }
        return Optional.ofNullable(value);
    }

    private static Map<String, Object> objectParam(RunRequest request, String name) {
        return param(request, name).map(v -> {
            if (v instanceof Map<?, ?> map) {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, val) -> out.put(String.valueOf(k), val));
                return out;
            }
            Optional<Object> parsed = Json.parse(String.valueOf(v));
            if (parsed.isPresent() && parsed.get() instanceof Map<?, ?> map) {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, val) -> out.put(String.valueOf(k), val));
                return out;
            }
            throw new IllegalArgumentException("parameter \"" + name + "\" must be an object");
        }).orElse(Map.of());
    }

    private static Optional<String> header(Map<String, String> headers, String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }

    /** Whether {@code name} is an HTTP header name (an RFC 9110 token). */
    private static boolean isHeaderName(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> c > 32 && c < 127 && "\"(),/:;<=>?@[\\]{}".indexOf(c) < 0);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }

    /** Closes the HTTP clients. */
    @Override
    public void close() {
        clients.close();
    }
}
