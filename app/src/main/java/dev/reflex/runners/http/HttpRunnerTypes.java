package dev.reflex.runners.http;

import dev.reflex.actions.ParameterSpec;
import dev.reflex.actions.ParameterType;
import dev.reflex.runners.RunnerType;

import java.util.List;
import java.util.Optional;

/**
 * The metadata of the {@code http-request} runner: the runner parameters, types and defaults of
 * StackStorm's {@code http_runner/runner.yaml}, and its output key {@code body}. The request-level
 * parameters ({@code method}, {@code body}, {@code params}, {@code auth}, {@code timeout}) are
 * action parameters in StackStorm ({@code core.http} declares them); {@link #ACTION_PARAMETERS}
 * lists them for actions that want the same.
 */
public final class HttpRunnerTypes {

    /** The HTTP methods {@code core.http} allows. */
    public static final List<String> METHODS = List.of("HEAD", "GET", "POST", "PUT", "DELETE", "OPTIONS", "TRACE",
            "PATCH", "PURGE");

    /** {@code http-request}. */
    public static final RunnerType HTTP_REQUEST = new RunnerType("http-request",
            "Sends one HTTP request and reports the response.", List.of(
            ParameterSpec.of("allow_redirects", ParameterType.BOOLEAN).withDefault(false)
                    .withDescription("Follows redirects."),
            ParameterSpec.of("cookies", ParameterType.OBJECT).withDescription("Cookies to send, name to value."),
            ParameterSpec.of("headers", ParameterType.OBJECT).withDescription("Request headers, name to value."),
            ParameterSpec.of("http_proxy", ParameterType.STRING).withDescription("Proxy URL for http:// requests."),
            ParameterSpec.of("https_proxy", ParameterType.STRING).withDescription("Proxy URL for https:// requests."),
            ParameterSpec.of("password", ParameterType.STRING).asSecret()
                    .withDescription("Password for basic authentication."),
            ParameterSpec.of("url", ParameterType.STRING).asRequired().withDescription("The URL to request."),
            ParameterSpec.of("username", ParameterType.STRING).withDescription("User for basic authentication."),
            ParameterSpec.of("verify_ssl_cert", ParameterType.BOOLEAN).withDefault(true)
                    .withDescription("Verifies the server's TLS certificate and host name; false skips both."),
            ParameterSpec.of("url_hosts_blacklist", ParameterType.ARRAY)
                    .withDescription("Hosts this runner must not call; exclusive with url_hosts_whitelist."),
            ParameterSpec.of("url_hosts_whitelist", ParameterType.ARRAY)
                    .withDescription("The only hosts this runner may call; exclusive with url_hosts_blacklist.")),
            Optional.of("body"));

    /** The request parameters {@code core.http} declares as action parameters. */
    public static final List<ParameterSpec> ACTION_PARAMETERS = List.of(
            ParameterSpec.of("auth", ParameterType.STRING).asSecret()
                    .withDescription("An authentication header: name=value (x-auth-token=XYZ) or an Authorization value."),
            ParameterSpec.of("body", ParameterType.STRING).withDescription("The request body."),
            ParameterSpec.of("method", ParameterType.STRING)
                    .withDescription("The HTTP method; POST when there is a body, else GET."),
            ParameterSpec.of("params", ParameterType.OBJECT).withDescription("Query parameters added to the URL."),
            ParameterSpec.of("timeout", ParameterType.NUMBER).withDefault(60)
                    .withDescription("Seconds the whole request may take."));

    private HttpRunnerTypes() {
    }
}
