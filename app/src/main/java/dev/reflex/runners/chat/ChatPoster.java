package dev.reflex.runners.chat;

import dev.reflex.runners.Cancellation;
import dev.reflex.runners.RunContext;
import dev.reflex.runners.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one post over HTTP and reads the platform's answer: 2xx is success (for Slack's Web API only
 * with {@code "ok": true} in the body), 429 is retried after its Retry-After up to the configured
 * number of times, anything else fails with the status and the response body. Every error text is
 * passed through the redaction of the bot token and the URL.
 */
final class ChatPoster implements AutoCloseable {

    /** The most characters of a response body quoted in an error. */
    static final int BODY_IN_ERROR = 2_000;
    /** The wait before a retry when a 429 answer has no usable Retry-After. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    /**
     * How one post went.
     *
     * @param record what the result lists for the post: part, status, attempts and platform details
     * @param error  why it failed; empty when it succeeded
     */
    record Result(Map<String, Object> record, Optional<String> error) {
    }

    /** What one post needs besides its body. */
    record Target(ChatPlatform platform, URI uri, Optional<String> token, List<String> secrets) {
        @Override
        public String toString() {
            return "Target[" + platform.configName() + "]";
        }
    }

    private final HttpClient client;
    private final Sleeper sleeper;
    private final Duration timeout;
    private final int maxRetries;

    ChatPoster(HttpClient client, Sleeper sleeper, Duration timeout, int maxRetries) {
        this.client = client;
        this.sleeper = sleeper;
        this.timeout = timeout;
        this.maxRetries = maxRetries;
    }

    /** Posts {@code body} as part {@code part}; an interrupt (cancellation) is reported as an error. */
    Result post(Target target, int part, Map<String, Object> body, RunContext context) {
        Cancellation cancellation = context.cancellation();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("part", part);
        HttpRequest.Builder builder = HttpRequest.newBuilder(target.uri()).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8));
        target.token().ifPresent(t -> builder.header("Authorization", "Bearer " + t));
        HttpRequest request = builder.build();
        int attempts = 0;
        while (true) {
            attempts++;
            record.put("attempts", attempts);
            if (cancellation.isCancelled()) {
                return failed(record, "canceled before the post was sent");
            }
            HttpResponse<String> response;
            try {
                response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                return failed(record, redact("cannot reach " + target.platform().configName() + ": "
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()), target));
            } catch (InterruptedException e) {
                return failed(record, "canceled while posting");
            }
            int status = response.statusCode();
            record.put("status", status);
            if (status == 429) {
                if (attempts > maxRetries) {
                    return failed(record, "rate limited (HTTP 429) by " + target.platform().configName()
                            + "; gave up after " + maxRetries + " retries");
                }
                Duration wait = retryAfter(response.headers().firstValue("Retry-After"), context.clock());
                record.put("waited_seconds", ((Number) record.getOrDefault("waited_seconds", 0L)).longValue()
                        + wait.toSeconds());
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    return failed(record, "canceled while waiting to retry after HTTP 429");
                }
                continue;
            }
            if (status < 200 || status > 299) {
                return failed(record, redact("HTTP " + status + " from " + target.platform().configName() + ": "
                        + excerpt(response.body()), target));
            }
            if (target.platform() == ChatPlatform.SLACK) {
                return slackAnswer(record, response.body(), target);
            }
            return new Result(record, Optional.empty());
        }
    }

    private Result slackAnswer(Map<String, Object> record, String body, Target target) {
        Optional<Object> parsed = Json.parse(body);
        if (parsed.isEmpty() || !(parsed.get() instanceof Map<?, ?> answer)) {
            return failed(record, redact("Slack answered HTTP 200 without a JSON object: " + excerpt(body), target));
        }
        if (!Boolean.TRUE.equals(answer.get("ok"))) {
            Object error = answer.get("error");
            return failed(record, redact("Slack refused the post: " + (error == null ? "no error given" : error), target));
        }
        if (answer.get("ts") != null) {
            record.put("ts", String.valueOf(answer.get("ts")));
        }
        if (answer.get("channel") != null) {
            record.put("channel", String.valueOf(answer.get("channel")));
        }
        return new Result(record, Optional.empty());
    }

    /** The wait a Retry-After value asks for: seconds or an HTTP date, at most {@link ChatSettings#MAX_RETRY_AFTER}. */
    static Duration retryAfter(Optional<String> header, Clock clock) {
        Duration wait = DEFAULT_RETRY_AFTER;
        if (header.isPresent()) {
            String value = header.get().trim();
            try {
                wait = Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
            } catch (NumberFormatException notSeconds) {
                try {
                    ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                    Duration until = Duration.between(clock.instant(), at.toInstant());
                    wait = until.isNegative() ? Duration.ZERO : until;
                } catch (DateTimeParseException notADate) {
                    wait = DEFAULT_RETRY_AFTER;
                }
            }
        }
        return wait.compareTo(ChatSettings.MAX_RETRY_AFTER) > 0 ? ChatSettings.MAX_RETRY_AFTER : wait;
    }

    private static Result failed(Map<String, Object> record, String error) {
        return new Result(record, Optional.of(error));
    }

    private static String excerpt(String body) {
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            return "(empty body)";
        }
        return text.length() <= BODY_IN_ERROR ? text
                : text.substring(0, BODY_IN_ERROR) + "… (" + (text.length() - BODY_IN_ERROR) + " more characters)";
    }

    /** The text with every secret of the target (token, URL) replaced by {@code ****}. */
    static String redact(String text, Target target) {
        String out = text;
        for (String secret : target.secrets()) {
            if (secret != null && !secret.isEmpty()) {
                out = out.replace(secret, "****");
            }
        }
        return out;
    }

    @Override
    public void close() {
        client.close();
    }
}
