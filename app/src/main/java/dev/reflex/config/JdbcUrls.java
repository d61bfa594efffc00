package dev.reflex.config;

import java.util.regex.Pattern;

/** Makes JDBC URLs safe to log: credentials in the authority or in parameters are replaced by a mask. */
public final class JdbcUrls {

    private static final String MASK = "****";
    private static final Pattern USER_INFO = Pattern.compile("//[^/@?#]*@");
    private static final Pattern SECRET_PARAM = Pattern.compile(
            "(?i)([?&;](?:password|sslpassword|sslkey|pass|pwd|secret|token)=)[^&;#]*");

    private JdbcUrls() {
    }

    /** The URL with any user information and password-like parameter values masked; null stays null. */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String withoutUser = USER_INFO.matcher(url).replaceAll("//" + MASK + "@");
        return SECRET_PARAM.matcher(withoutUser).replaceAll("$1" + MASK);
    }
}
