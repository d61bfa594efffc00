/**
 * Packs: discovery of the built-in packs and of the packs in the configured pack paths
 * ({@link dev.reflex.packs.PackDiscovery}), their pack.yaml ({@link dev.reflex.packs.PackMetadata},
 * StackStorm's schema), and the extension point for their content ({@link dev.reflex.packs.PackContentType},
 * registered in {@link dev.reflex.packs.PackContentTypes}, loaded and validated by
 * {@link dev.reflex.packs.PackContent}).
 *
 * <p>The content formats themselves (rules, actions, aliases, checks…) live with their features and
 * plug in here.
 */
package dev.reflex.packs;
