package dev.reflex.runners.chat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON body of one post for each platform. Attachments and blocks travel with the first post
 * only; a platform that cannot show them refuses them instead of dropping them.
 *
 * <ul>
 *   <li>Slack Web API: {@code {"channel", "text", "attachments"?, "blocks"?}}.</li>
 *   <li>Slack webhook and generic webhook: {@code {"text", "channel"?, "attachments"?, "blocks"?}}.</li>
 *   <li>Mattermost webhook: {@code {"text", "channel"?, "attachments"?}} (no blocks).</li>
 *   <li>Teams: a {@code message} with one Adaptive Card (version 1.4) holding the text in a wrapped
 *       {@code TextBlock}; no channel (the webhook is bound to one), no attachments or blocks.</li>
 * </ul>
 */
final class ChatPayloads {

    private ChatPayloads() {
    }

    /**
     * What platform {@code platform} cannot carry of the request, as an error message, if anything.
     */
    static Optional<String> unsupported(ChatPlatform platform, List<Object> attachments, List<Object> blocks) {
        return switch (platform) {
            case SLACK, SLACK_WEBHOOK, WEBHOOK -> Optional.empty();
            case MATTERMOST -> blocks.isEmpty() ? Optional.empty()
                    : Optional.of("platform mattermost does not support blocks; use attachments");
            case TEAMS -> attachments.isEmpty() && blocks.isEmpty() ? Optional.empty()
                    : Optional.of("platform teams does not support attachments or blocks; put the content in the message");
        };
    }

    /** The body of one post. */
    static Map<String, Object> body(ChatPlatform platform, String text, Optional<String> channel, List<Object> attachments,
                                    List<Object> blocks) {
        Map<String, Object> body = new LinkedHashMap<>();
        switch (platform) {
            case SLACK -> {
                channel.ifPresent(c -> body.put("channel", c));
                body.put("text", text);
                addRich(body, attachments, blocks);
            }
            case SLACK_WEBHOOK, MATTERMOST, WEBHOOK -> {
                body.put("text", text);
                channel.ifPresent(c -> body.put("channel", c));
                addRich(body, attachments, blocks);
            }
            case TEAMS -> {
                Map<String, Object> textBlock = new LinkedHashMap<>();
                textBlock.put("type", "TextBlock");
                textBlock.put("text", text);
                textBlock.put("wrap", true);
                Map<String, Object> card = new LinkedHashMap<>();
                card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
                card.put("type", "AdaptiveCard");
                card.put("version", "1.4");
                card.put("body", List.of(textBlock));
                Map<String, Object> attachment = new LinkedHashMap<>();
                attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
                attachment.put("contentUrl", null);
                attachment.put("content", card);
                body.put("type", "message");
                body.put("attachments", List.of(attachment));
            }
        }
        return body;
    }

    private static void addRich(Map<String, Object> body, List<Object> attachments, List<Object> blocks) {
        if (!attachments.isEmpty()) {
            body.put("attachments", attachments);
        }
        if (!blocks.isEmpty()) {
            body.put("blocks", blocks);
        }
    }
}
