package dev.reflex.runners.chat;

import dev.reflex.runners.Cancellation;
import dev.reflex.runners.ParameterValues;
import dev.reflex.runners.RunContext;
import dev.reflex.runners.RunOutcome;
import dev.reflex.runners.RunRequest;
import dev.reflex.runners.Runner;
import dev.reflex.runners.RunnerType;
import dev.reflex.runners.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code chat-post} runner: posts {@code message} to the configured platform, split into
 * numbered posts sent in order when it is longer than one post allows (see {@link MessageSplitter}).
 * The result is {@code {failed, succeeded, configured, platform, channel, parts, posts}} where
 * {@code posts} lists every post made, with its HTTP status and attempts; a failed post ends the
 * execution as failed with an {@code error}, and the posts after it are not sent.
 *
 * <p>When chat is not configured the runner writes the message to the server log and succeeds with
 * {@code configured: false} and the message in the result, unless {@code require_configured} asks it
 * to fail. The Slack bot token is read from the key-value store for each execution and, like the
 * webhook URL, never appears in results, logs or errors.
 */
public final class ChatPostRunner implements Runner, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChatPostRunner.class);

    private final ChatSettings settings;
    private final ChatPoster poster;

    /** A runner posting as {@code settings} say, sleeping real time before retries. */
    public ChatPostRunner(ChatSettings settings) {
        this(settings, Sleeper.THREAD);
    }

    /** A runner posting as {@code settings} say and waiting before retries with {@code sleeper}. */
    public ChatPostRunner(ChatSettings settings, Sleeper sleeper) {
        this.settings = settings;
        HttpClient client = HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.poster = new ChatPoster(client, sleeper, settings.timeout(), settings.maxRetries());
    }

    @Override
    public RunnerType type() {
        return ChatRunnerTypes.CHAT_POST;
    }

    /** Whether chat is configured, so that posting reaches a chat platform. */
    public boolean configured() {
        return settings.configured();
    }

    @Override
    public RunOutcome run(RunRequest request, RunContext context) {
        if (context.cancellation().isCancelled()) {
            return new RunOutcome.Canceled(Map.of("failed", true, "succeeded", false, "error", "canceled before start"));
        }
        ParameterValues p = new ParameterValues(type(), request);
        String message;
        Optional<String> channel;
        List<Object> attachments;
        List<Object> blocks;
        boolean requireConfigured;
        try {
            message = p.requiredString("message");
            channel = p.string("channel").filter(c -> !c.isBlank()).map(String::trim).or(settings::channel);
            attachments = p.array("attachments");
            blocks = p.array("blocks");
            requireConfigured = p.bool("require_configured");
        } catch (IllegalArgumentException e) {
            return RunOutcome.failure(e.getMessage());
        }
        if (settings.platform().isEmpty()) {
            if (requireConfigured) {
                return RunOutcome.failure("chat is not configured: set the chat: section of reflex.yaml");
            }
            LOG.info("execution {}: chat is not configured; message{}:\n{}", request.executionId(),
                    channel.map(c -> " for " + c).orElse(""), message);
            Map<String, Object> result = result(true, Optional.empty(), channel, 0, List.of());
            result.put("message", message);
            return new RunOutcome.Succeeded(result);
        }
        ChatPlatform platform = settings.platform().get();
        Optional<String> refused = ChatPayloads.unsupported(platform, attachments, blocks);
        if (refused.isPresent()) {
            return failed(platform, channel, 0, List.of(), refused.get());
        }
        if (platform == ChatPlatform.SLACK && channel.isEmpty()) {
            return failed(platform, channel, 0, List.of(),
                    "no channel: give the channel parameter or set chat.channel in reflex.yaml");
        }
        Optional<String> postChannel = platform == ChatPlatform.TEAMS ? Optional.empty() : channel;
        ChatPoster.Target target;
        try {
            target = target(platform, context);
        } catch (IllegalArgumentException e) {
            return failed(platform, postChannel, 0, List.of(), e.getMessage());
        }
        List<String> parts = MessageSplitter.split(message, settings.limit());
        List<Map<String, Object>> posts = new ArrayList<>();
        Thread worker = Thread.currentThread();
        Cancellation cancellation = context.cancellation();
        try (Cancellation.Registration ignored = cancellation.onCancel(worker::interrupt)) {
            for (int i = 0; i < parts.size(); i++) {
                boolean first = i == 0;
                Map<String, Object> body = ChatPayloads.body(platform, parts.get(i), postChannel,
                        first ? attachments : List.of(), first ? blocks : List.of());
                ChatPoster.Result sent = poster.post(target, i + 1, body, context);
                posts.add(sent.record());
                if (sent.error().isPresent()) {
                    String error = (parts.size() > 1 ? "post " + (i + 1) + "/" + parts.size() + ": " : "")
                            + sent.error().get();
                    if (cancellation.isCancelled()) {
                        Map<String, Object> result = result(false, Optional.of(platform), postChannel, parts.size(), posts);
                        result.put("error", "Action was canceled: " + cancellation.reason().orElse("canceled"));
                        return new RunOutcome.Canceled(result);
                    }
                    return failed(platform, postChannel, parts.size(), posts, error);
                }
            }
        } finally {
            Thread.interrupted(); // a cancellation that arrived after the last post must not leak
        }
        return new RunOutcome.Succeeded(result(true, Optional.of(platform), postChannel, parts.size(), posts));
    }

    /** The endpoint, the token and the secrets to redact; errors name settings and keys, never values. */
    private ChatPoster.Target target(ChatPlatform platform, RunContext context) {
        String url = settings.url().map(u -> Secrets.resolve(u, context.secrets()))
                .orElse(platform == ChatPlatform.SLACK ? ChatPlatform.SLACK_POST_MESSAGE : null);
        if (url == null) {
            throw new IllegalArgumentException("chat.url is not set for platform " + platform.configName());
        }
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("chat.url is not a valid URL");
        }
        if (uri.getScheme() == null || !List.of("http", "https").contains(uri.getScheme().toLowerCase())
                || uri.getHost() == null) {
            throw new IllegalArgumentException("chat.url must be an http or https URL");
        }
        Optional<String> token = Optional.empty();
        if (platform == ChatPlatform.SLACK) {
            String key = settings.tokenKey().orElseThrow(
                    () -> new IllegalArgumentException("chat.token_key is not set for platform slack"));
            token = Optional.of(context.secrets().apply(key).filter(t -> !t.isBlank()).orElseThrow(
                    () -> new IllegalArgumentException("the key-value entry '" + key
                            + "' named by chat.token_key does not exist; store the Slack bot token there")));
        }
        List<String> secrets = new ArrayList<>();
        token.ifPresent(secrets::add);
        if (platform != ChatPlatform.SLACK || settings.url().isPresent()) {
            secrets.add(url.trim());
        }
        return new ChatPoster.Target(platform, uri, token, secrets);
    }

    private static RunOutcome failed(ChatPlatform platform, Optional<String> channel, int parts,
                                     List<Map<String, Object>> posts, String error) {
        Map<String, Object> result = result(false, Optional.of(platform), channel, parts, posts);
        result.put("error", error);
        return new RunOutcome.Failed(result);
    }

    private static Map<String, Object> result(boolean succeeded, Optional<ChatPlatform> platform, Optional<String> channel,
                                              int parts, List<Map<String, Object>> posts) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("failed", !succeeded);
        result.put("succeeded", succeeded);
        result.put("configured", platform.isPresent());
        result.put("platform", platform.map(ChatPlatform::configName).orElse(null));
        result.put("channel", channel.orElse(null));
        result.put("parts", parts);
        result.put("posts", List.copyOf(posts));
        return result;
    }

    @Override
    public void close() {
        poster.close();
    }
}
