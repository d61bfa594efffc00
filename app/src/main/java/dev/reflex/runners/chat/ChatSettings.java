package dev.reflex.runners.chat;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where {@code chat.post} posts, from the {@code chat:} section of {@code reflex.yaml}. Without a
 * platform, chat is not configured: {@code chat.post} then writes its message to the server log and
 * to its result only.
 *
 * @param platform   the platform, empty when chat is not configured
 * @param url        the endpoint or webhook URL, or a {@code kv:NAME} reference; empty for Slack's
 *                   default endpoint
 * @param tokenKey   the key-value entry holding the Slack bot token (platform {@code slack})
 * @param channel    the default channel
 * @param maxChars   the most characters per post; empty for the platform's default
 * @param timeout    how long one HTTP request may take
 * @param maxRetries how often a post answered with HTTP 429 is retried
 */
public record ChatSettings(Optional<ChatPlatform> platform, Optional<String> url, Optional<String> tokenKey,
                           Optional<String> channel, Optional<Integer> maxChars, Duration timeout, int maxRetries) {

    /** The longest wait Reflex accepts from a Retry-After header; a longer one is shortened to this. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(2);

    public ChatSettings {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(tokenKey, "tokenKey");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(maxChars, "maxChars");
        Objects.requireNonNull(timeout, "timeout");
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative");
        }
    }

    /** Chat not configured. */
    public static ChatSettings none() {
        return new ChatSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Duration.ofSeconds(30), 3);
    }

    /** A webhook platform posting to {@code url}, with the default limits, timeout and retries. */
    public static ChatSettings webhook(ChatPlatform platform, String url) {
        return new ChatSettings(Optional.of(platform), Optional.of(url), Optional.empty(), Optional.empty(),
                Optional.empty(), Duration.ofSeconds(30), 3);
    }

    /** Slack's Web API at {@code url} with the bot token in the key-value entry {@code tokenKey}. */
    public static ChatSettings slack(String url, String tokenKey, String channel) {
        return new ChatSettings(Optional.of(ChatPlatform.SLACK), Optional.of(url), Optional.of(tokenKey),
                Optional.ofNullable(channel), Optional.empty(), Duration.ofSeconds(30), 3);
    }

    /**
     * The settings for the {@code chat:} section's values, as {@code dev.reflex.config} checked them.
     *
     * @throws IllegalArgumentException for an unknown platform name
     */
    public static ChatSettings of(String platformName, String url, String tokenKey, String channel, Integer maxChars,
                                  Duration timeout, int maxRetries) {
        Optional<ChatPlatform> platform = Optional.empty();
        if (platformName != null) {
            platform = Optional.of(ChatPlatform.byName(platformName)
                    .orElseThrow(() -> new IllegalArgumentException("unknown chat platform '" + platformName + "'")));
        }
        return new ChatSettings(platform, Optional.ofNullable(url), Optional.ofNullable(tokenKey),
                Optional.ofNullable(channel), Optional.ofNullable(maxChars), timeout, maxRetries);
    }

    /** Whether chat is configured (a platform is set). */
    public boolean configured() {
        return platform.isPresent();
    }

    /** The same settings with another default channel. */
    public ChatSettings withChannel(String name) {
        return new ChatSettings(platform, url, tokenKey, Optional.ofNullable(name), maxChars, timeout, maxRetries);
    }

    /** The same settings with another per-post limit. */
    public ChatSettings withMaxChars(int chars) {
        return new ChatSettings(platform, url, tokenKey, channel, Optional.of(chars), timeout, maxRetries);
    }

    /** The same settings with another retry budget for HTTP 429. */
    public ChatSettings withMaxRetries(int retries) {
        return new ChatSettings(platform, url, tokenKey, channel, maxChars, timeout, retries);
    }

    /** The characters per post: the configured value, at most the platform's limit. */
    public int limit() {
        ChatPlatform p = platform.orElse(ChatPlatform.WEBHOOK);
        return Math.min(maxChars.orElse(p.defaultLimit()), p.maxLimit());
    }

    /** Shows the platform and channel; the URL may embed a secret and is masked. */
    @Override
    public String toString() {
        return "ChatSettings[platform=" + platform.map(ChatPlatform::configName).orElse("-") + ", url="
                + (url.isPresent() ? "****" : "-") + ", tokenKey=" + tokenKey.orElse("-") + ", channel="
                + channel.orElse("-") + ", limit=" + limit() + ", timeout=" + timeout + ", maxRetries=" + maxRetries + "]";
    }
}
