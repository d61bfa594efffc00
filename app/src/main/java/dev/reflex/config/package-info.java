/**
 * The one strict loader for every YAML and JSON file Reflex reads, and the server configuration.
 *
 * <p>{@link dev.reflex.config.StrictLoader} parses a file into a located tree of
 * {@link dev.reflex.config.Node}s (every value knows its {@code file:line:col}); syntax errors,
 * duplicate keys and extra YAML documents become {@link dev.reflex.config.ConfigProblem}s. A
 * {@link dev.reflex.config.Format} then binds the tree to records with {@link dev.reflex.config.Value}
 * and {@link dev.reflex.config.ObjectReader}, reporting unknown fields (with "did you mean"), type
 * mismatches and invalid values, all at once. Loading many files returns a
 * {@link dev.reflex.config.LoadResult}: the good files and every problem of the bad ones.
 *
 * <p>{@link dev.reflex.config.ConfigResolver} builds the server's {@link dev.reflex.config.ReflexConfig}
 * from defaults, {@code reflex.yaml}, its environment overlay, {@code @@KEY@@} tokens
 * ({@link dev.reflex.config.Tokens}), {@code REFLEX_…} environment variables and command-line flags.
 */
package dev.reflex.config;
