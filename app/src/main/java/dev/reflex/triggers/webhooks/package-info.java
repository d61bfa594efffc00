/**
 * Webhooks: which URLs are registered (one per {@code core.st2.webhook} trigger of an enabled
 * rule), and the payload a request becomes ({@code headers}, {@code headers_lower}, {@code body}).
 * The HTTP endpoint itself is {@code dev.reflex.api.WebhooksModule}.
 */
package dev.reflex.triggers.webhooks;
