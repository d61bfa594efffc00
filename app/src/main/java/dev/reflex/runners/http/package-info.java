/**
 * The {@code http-request} runner: one HTTP request with {@code java.net.http}, StackStorm's
 * parameters ({@code url}, {@code method}, {@code headers}, {@code body}, {@code params},
 * {@code auth}/{@code username}/{@code password}, {@code cookies}, {@code timeout},
 * {@code verify_ssl_cert}, {@code allow_redirects}, proxies, host allow and deny lists) and result
 * {@code {status_code, body, parsed, headers}}; success means a status from 200 to 206.
 */
package dev.reflex.runners.http;
