/**
 * The {@code chat-post} runner behind the built-in {@code chat} pack: posts a message to Slack
 * (Web API {@code chat.postMessage} with a bot token from the key-value store), to Slack- or
 * Mattermost-compatible incoming webhooks, to Microsoft Teams (an Adaptive Card) or to a generic JSON
 * webhook. Messages longer than the platform allows are split at line boundaries into numbered
 * posts sent in order, never cut; HTTP 429 answers are retried after their Retry-After through a
 * {@link dev.reflex.runners.chat.Sleeper}. The bot token and webhook URLs never appear in results,
 * logs or errors.
 */
package dev.reflex.runners.chat;
