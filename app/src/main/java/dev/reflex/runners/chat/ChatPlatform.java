package dev.reflex.runners.chat;

import java.util.Locale;
import java.util.Optional;

/**
 * The chat platforms {@code chat.post} can post to, each with the most characters Reflex puts in one
 * post by default and the most a configuration may ask for. Longer messages are split into several
 * posts.
 *
 * <ul>
 *   <li>Slack truncates a message's text beyond 40,000 characters and recommends at most 4,000 per
 *       message, so Reflex posts 4,000 by default (up to 40,000 when configured).</li>
 *   <li>Mattermost rejects posts above 16,383 characters (its default limit since 5.0).</li>
 *   <li>Teams refuses messages above about 28 KB including the card around the text; 8,000
 *       characters stay below that even when every character takes three bytes in UTF-8.</li>
 *   <li>A generic webhook has no known limit: 4,000 by default, up to 100,000.</li>
 * </ul>
 */
public enum ChatPlatform {

    /** Slack's Web API, {@code chat.postMessage}, with a bot token. */
    SLACK("slack", 4_000, 40_000),
    /** A Slack incoming webhook. */
    SLACK_WEBHOOK("slack-webhook", 4_000, 40_000),
    /** A Mattermost incoming webhook (Slack-compatible payload). */
    MATTERMOST("mattermost", 16_383, 16_383),
    /** A Microsoft Teams webhook (Workflows or a legacy connector), posted an Adaptive Card. */
    TEAMS("teams", 8_000, 8_000),
    /** Any JSON webhook: {@code {"text", "channel", "attachments", "blocks"}}. */
    WEBHOOK("webhook", 4_000, 100_000);

    /** Slack's Web API endpoint for posting a message. */
    public static final String SLACK_POST_MESSAGE = "https://slack.com/api/chat.postMessage";

    private final String configName;
    private final int defaultLimit;
    private final int maxLimit;

    ChatPlatform(String configName, int defaultLimit, int maxLimit) {
        this.configName = configName;
        this.defaultLimit = defaultLimit;
        this.maxLimit = maxLimit;
    }

    /** The name used in {@code reflex.yaml} ({@code slack-webhook}). */
    public String configName() {
        return configName;
    }

    /** The most characters in one post unless configured otherwise. */
    public int defaultLimit() {
        return defaultLimit;
    }

    /** The most characters one post may hold on this platform; a larger configured value is lowered to it. */
    public int maxLimit() {
        return maxLimit;
    }

    /** The platform with this configuration name, if there is one. */
    public static Optional<ChatPlatform> byName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (ChatPlatform p : values()) {
            if (p.configName.equals(wanted)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
