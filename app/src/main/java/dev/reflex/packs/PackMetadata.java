package dev.reflex.packs;

import dev.reflex.config.Format;
import dev.reflex.config.Node.ListNode;
import dev.reflex.config.Value;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The contents of a {@code pack.yaml}, with StackStorm's pack schema: {@code name}, {@code description},
 * {@code version} and {@code author} are required; {@code ref} must be made of a-z, 0-9 and _;
 * {@code version} is a semantic version; {@code python_versions} lists "2" and/or "3".
 *
 * <p>StackStorm accepts extra fields in pack.yaml, so Reflex does too, but warns about each (with a
 * "did you mean" hint) to catch typos. A version written as a bare number ({@code version: 1.10}) is
 * read as the text it was written with, as StackStorm does.
 *
 * @param ref               the pack's id, when set explicitly
 * @param name              the display name
 * @param description       what the pack integrates with
 * @param version           the pack version (semver)
 * @param author            the pack author or authors
 * @param email             the author's e-mail, or null
 * @param keywords          keywords describing the pack
 * @param dependencies      other packs this pack depends on, as {@code name[=version]}
 * @param pythonVersions    the Python major versions the pack's Python code supports
 * @param stackstormVersion the StackStorm versions the pack needs, such as {@code >=3.0.0}, or null
 * @param contributors      people who contributed, as {@code Name <email>}
 * @param system            the system components the pack requires (free-form)
 * @param files             a list of the files inside the pack, when the pack declares it
 */
public record PackMetadata(String ref, String name, String description, String version, String author, String email,
                           List<String> keywords, List<String> dependencies, List<String> pythonVersions,
                           String stackstormVersion, List<String> contributors, Map<String, Object> system,
                           List<String> files) {

    /** What a pack ref may contain (StackStorm's rule): lower-case letters, digits and underscores. */
    public static final Pattern REF = Pattern.compile("[a-z0-9_]+");

    static final Pattern SEMVER = Pattern.compile(
            "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(-[0-9a-z-]+(\\.[0-9a-z-]+)*)?(\\+[0-9a-z-]+(\\.[0-9a-z-]+)*)?");
    static final Pattern VERSION_RANGE = Pattern.compile(
            "\\s*(>=|<=|>|<|=)\\s*\\d+\\.\\d+\\.\\d+\\s*(,\\s*(>=|<=|>|<|=)\\s*\\d+\\.\\d+\\.\\d+\\s*)*");
    static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    static final String REF_RULE = "a pack ref may only contain a-z, 0-9 and _ (no dashes)";

    public PackMetadata {
        keywords = List.copyOf(keywords);
        dependencies = List.copyOf(dependencies);
        pythonVersions = List.copyOf(pythonVersions);
        contributors = List.copyOf(contributors);
        system = system == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(system));
        files = List.copyOf(files);
    }

    /** The pack.yaml format. */
    public static final Format<PackMetadata> FORMAT = Format.object(o -> {
        o.warnUnknownFields();
        PackMetadata m = new PackMetadata(
                o.optional("ref").matching(REF, REF_RULE).string(null),
                o.requiredString("name"),
                o.requiredString("description"),
                o.required("version").matching(SEMVER, "use a semantic version such as 0.1.0 or 1.2.3").text(null),
                o.requiredString("author"),
                o.optional("email").matching(EMAIL, "expected an e-mail address").string(null),
                o.stringList("keywords"),
                o.stringList("dependencies"),
                pythonVersions(o.optional("python_versions")),
                o.optional("stackstorm_version").matching(VERSION_RANGE, "expected a version range such as >=3.0.0 "
                        + "or '>=1.8.0, <2.2.0'").string(null),
                o.optional("contributors").list(v -> {
                    String c = v.string();
                    if (c != null && c.length() > 100) {
                        v.error("a contributor entry may be at most 100 characters long");
                    }
                    return c;
                }),
                o.optional("system").plainMap(),
                o.stringList("files"));
        o.known("id", "uid", "path");
        return m;
    });

    private static List<String> pythonVersions(Value value) {
        Set<String> seen = new HashSet<>();
        List<String> versions = value.list(v -> {
            String s = v.text(null);
            if (s != null && !s.equals("2") && !s.equals("3")) {
                v.error("unknown Python version '" + s + "'; expected \"2\" or \"3\"");
                return null;
            }
            if (s != null && !seen.add(s)) {
                v.error("Python version '" + s + "' is listed twice");
                return null;
            }
            return s;
        });
        if (value.isPresent() && value.node() instanceof ListNode l && l.items().isEmpty()) {
            value.error("python_versions needs at least one version");
        }
        return versions;
    }
}
