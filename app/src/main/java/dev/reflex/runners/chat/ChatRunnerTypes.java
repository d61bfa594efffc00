package dev.reflex.runners.chat;

import dev.reflex.actions.ParameterSpec;
import dev.reflex.actions.ParameterType;
import dev.reflex.runners.RunnerType;

import java.util.List;

/** The metadata of the {@code chat-post} runner (StackStorm posts to chat through packs; the names follow Slack's API). */
public final class ChatRunnerTypes {

    /** {@code chat-post}. */
    public static final RunnerType CHAT_POST = RunnerType.of("chat-post",
            "Posts a message to the configured chat platform (Slack, Mattermost, Teams or a JSON webhook).", List.of(
            ParameterSpec.of("message", ParameterType.STRING).asRequired()
                    .withDescription("The message text; longer than one post allows, it is split into numbered posts."),
            ParameterSpec.of("channel", ParameterType.STRING)
                    .withDescription("The channel; the configured chat.channel when unset. Teams webhooks post to their own channel."),
            ParameterSpec.of("attachments", ParameterType.ARRAY)
                    .withDescription("Slack or Mattermost message attachments, sent with the first post."),
            ParameterSpec.of("blocks", ParameterType.ARRAY)
                    .withDescription("Slack Block Kit blocks, sent with the first post (Slack and generic webhooks only)."),
            ParameterSpec.of("require_configured", ParameterType.BOOLEAN).withDefault(false)
                    .withDescription("Fails when chat is not configured, instead of logging the message.")));

    private ChatRunnerTypes() {
    }
}
