package dev.reflex.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Settings given on the command line; they win over the environment and the files. Null means "not
 * given".
 *
 * @param configFile {@code --config FILE}: the base configuration file instead of {@code ./reflex.yaml}
 * @param env        {@code --env NAME}: the environment whose overlay to apply (else {@code REFLEX_ENV})
 * @param valuesFile {@code --values FILE}: the values for {@code @@KEY@@} tokens (else {@code values_file:})
 * @param dataDir    {@code --data-dir DIR}
 * @param httpPort   {@code --http-port PORT}
 * @param packs      {@code --packs PATH…}: replaces the configured pack paths
 */
public record Overrides(Path configFile, String env, Path valuesFile, Path dataDir, Integer httpPort, List<Path> packs) {

    public Overrides {
        packs = packs == null ? null : List.copyOf(packs);
    }

    /** Nothing given on the command line. */
    public static Overrides none() {
        return new Overrides(null, null, null, null, null, null);
    }

    /** A copy with another configuration file. */
    public Overrides withConfigFile(Path file) {
        return new Overrides(file, env, valuesFile, dataDir, httpPort, packs);
    }

    /** A copy with another environment name. */
    public Overrides withEnv(String name) {
        return new Overrides(configFile, name, valuesFile, dataDir, httpPort, packs);
    }

    /** A copy with another values file. */
    public Overrides withValuesFile(Path file) {
        return new Overrides(configFile, env, file, dataDir, httpPort, packs);
    }

    /** A copy with another data directory. */
    public Overrides withDataDir(Path dir) {
        return new Overrides(configFile, env, valuesFile, dir, httpPort, packs);
    }

    /** A copy with another HTTP port. */
    public Overrides withHttpPort(Integer port) {
        return new Overrides(configFile, env, valuesFile, dataDir, port, packs);
    }

    /** A copy with other pack paths. */
    public Overrides withPacks(List<Path> paths) {
        return new Overrides(configFile, env, valuesFile, dataDir, httpPort, paths);
    }
}
