package dev.reflex.cli;

import picocli.CommandLine.Option;

/**
 * Where client commands find the server and how they authenticate. Mixed into every client command;
 * defaults come from {@code REFLEX_URL} and {@code REFLEX_API_KEY}.
 */
public final class ClientOptions {

    /** The server URL used when neither {@code --url} nor {@code REFLEX_URL} says otherwise. */
    public static final String DEFAULT_URL = "http://127.0.0.1:9101";

    @Option(names = "--url", paramLabel = "URL", description = "Reflex server URL (env REFLEX_URL, default ${DEFAULT-VALUE}).",
            defaultValue = "${env:REFLEX_URL:-" + DEFAULT_URL + "}")
    String url;

    @Option(names = "--api-key", paramLabel = "KEY", description = "API key (env REFLEX_API_KEY).",
            defaultValue = "${env:REFLEX_API_KEY}")
    String apiKey;

    /** A client for the configured server. */
    public ApiClient client() {
        return new ApiClient(url, apiKey);
    }
}
