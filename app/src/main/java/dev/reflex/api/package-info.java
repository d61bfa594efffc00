/**
 * The HTTP API under {@code /api/v1/}: the {@link dev.reflex.api.ApiServer} (Javalin on virtual
 * threads), API-key {@link dev.reflex.api.Auth}, {@code application/problem+json} errors, the
 * OpenAPI document generated from the declared {@link dev.reflex.api.Routes}, and the endpoint
 * modules that do not belong to a feature package (system, key-value).
 */
package dev.reflex.api;
