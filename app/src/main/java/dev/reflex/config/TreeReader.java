package dev.reflex.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.reflex.config.Node.BooleanNode;
import dev.reflex.config.Node.ListNode;
import dev.reflex.config.Node.MapNode;
import dev.reflex.config.Node.Member;
import dev.reflex.config.Node.NullNode;
import dev.reflex.config.Node.NumberNode;
import dev.reflex.config.Node.StringNode;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Builds a located {@link Node} tree from Jackson's streaming parser, collecting duplicate keys, unknown
 * aliases, unsupported tags and extra YAML documents as problems, and turning a syntax error into one
 * clean {@link ConfigProblem}.
 *
 * <p>YAML anchors and aliases ({@code &name}, {@code *name}) and merge keys ({@code <<: *base}) are
 * resolved here, because Jackson's streaming parser hands an alias over as the plain text of its name.
 */
final class TreeReader {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final LocatingYamlFactory YAML = new LocatingYamlFactory();
    private static final String STANDARD_TAG = "tag:yaml.org,2002:";

    private final String file;
    private final JsonParser parser;
    private final boolean yaml;
    private final List<ConfigProblem> problems;
    private final Map<String, Node> anchors = new HashMap<>();

    private TreeReader(String file, JsonParser parser, boolean yaml, List<ConfigProblem> problems) {
        this.file = file;
        this.parser = parser;
        this.yaml = yaml;
        this.problems = problems;
    }

    /** Parses one file's text; never throws for bad input. */
    static ParsedFile read(String file, String text, SourceFormat format) {
        List<ConfigProblem> problems = new ArrayList<>();
        Node root = null;
        boolean yaml = format == SourceFormat.YAML;
        Reader reader = new StringReader(text);
        try (JsonParser p = yaml ? YAML.createParser(reader) : JSON.createParser(reader)) {
            TreeReader tree = new TreeReader(file, p, yaml, problems);
            if (p.nextToken() != null) {
                root = tree.readValue("");
                if (p.nextToken() != null) {
                    Location at = tree.here();
                    problems.add(at.problem("", yaml
                            ? "a second YAML document starts here; Reflex reads one document per file"
                            : "unexpected content after the end of the JSON value"));
                }
            }
        } catch (JsonProcessingException e) {
            problems.add(SyntaxErrors.toProblem(file, e));
            root = null;
        } catch (IOException e) {
            problems.add(ConfigProblem.ofFile(file, "cannot be read: " + e.getMessage()));
            root = null;
        }
        if (root instanceof NullNode) {
            root = null;
        }
        return new ParsedFile(file, format, root, problems);
    }

    private Location here() {
        JsonLocation l = parser.currentTokenLocation();
        return new Location(file, Math.max(l.getLineNr(), 0), Math.max(l.getColumnNr(), 0));
    }

    private Node readValue(String path) throws IOException {
        JsonToken token = parser.currentToken();
        Location at = here();
        String anchor = yaml ? ((LocatingYamlParser) parser).anchor() : null;
        if (yaml) {
            checkTag(at, path);
        }
        Node node = switch (token) {
            case START_OBJECT -> readMap(at, path);
            case START_ARRAY -> readList(at, path);
            case VALUE_STRING -> yaml && ((YAMLParser) parser).isCurrentAlias()
                    ? resolveAlias(at, path, parser.getText())
                    : new StringNode(at, parser.getText());
            case VALUE_NUMBER_INT -> new NumberNode(at, integer(), parser.getText());
            case VALUE_NUMBER_FLOAT -> floating(at, path);
            case VALUE_TRUE, VALUE_FALSE -> new BooleanNode(at, token == JsonToken.VALUE_TRUE, parser.getText());
            case VALUE_NULL -> new NullNode(at);
            case VALUE_EMBEDDED_OBJECT -> {
                problems.add(at.problem(path, "binary values (!!binary) are not supported"));
                yield new NullNode(at);
            }
            default -> throw new IllegalStateException("unexpected token " + token + " at " + at);
        };
        if (anchor != null) {
            anchors.put(anchor, node);
        }
        return node;
    }

    private Number integer() throws IOException {
        return switch (parser.getNumberType()) {
            case BIG_INTEGER -> parser.getBigIntegerValue();
            default -> parser.getLongValue();
        };
    }

    private Node floating(Location at, String path) throws IOException {
        double d = parser.getDoubleValue();
        if (Double.isInfinite(d) || Double.isNaN(d)) {
            problems.add(at.problem(path, "number '" + parser.getText() + "' is out of range"));
            return new NullNode(at);
        }
        return new NumberNode(at, d, parser.getText());
    }

    private Node readMap(Location at, String path) throws IOException {
        Map<String, Member> members = new LinkedHashMap<>();
        List<Node> merges = new ArrayList<>();
        Location mergeKey = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Location keyAt = here();
            parser.nextToken();
            String childPath = path + "/" + escape(key);
            Node value = readValue(childPath);
            if (yaml && "<<".equals(key)) {
                if (mergeKey != null) {
                    problems.add(keyAt.problem(childPath, duplicate(key, mergeKey)));
                    continue;
                }
                mergeKey = keyAt;
                merges.add(value);
                continue;
            }
            Member first = members.get(key);
            if (first != null) {
                problems.add(keyAt.problem(childPath, duplicate(key, first.keyLocation())));
                continue;
            }
            members.put(key, new Member(key, keyAt, value));
        }
        for (Node merge : merges) {
            merge(members, merge, path);
        }
        return new MapNode(at, members);
    }

    private static String duplicate(String key, Location first) {
        return "duplicate key '" + key + "' (first defined at line " + first.line() + ")";
    }

    /** A YAML merge key adds the keys of one map (or of each map of a list) that are not set already. */
    private void merge(Map<String, Member> members, Node source, String path) {
        switch (source) {
            case MapNode m -> m.members().forEach(members::putIfAbsent);
            case ListNode l -> {
                for (Node item : l.items()) {
                    if (item instanceof MapNode m) {
                        m.members().forEach(members::putIfAbsent);
                    } else {
                        problems.add(item.location().problem(path + "/<<",
                                "a merge key (<<) needs a map or a list of maps, but this item is " + item.kind()));
                    }
                }
            }
            default -> problems.add(source.location().problem(path + "/<<",
                    "a merge key (<<) needs a map or a list of maps, but found " + source.kind()));
        }
    }

    private Node readList(Location at, String path) throws IOException {
        List<Node> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(readValue(path + "/" + items.size()));
        }
        return new ListNode(at, items);
    }

    private Node resolveAlias(Location at, String path, String name) {
        Node target = anchors.get(name);
        if (target == null) {
            problems.add(at.problem(path, "unknown alias '*" + name + "' (no anchor '&" + name + "' before it)"));
            return new NullNode(at);
        }
        return target;
    }

    private void checkTag(Location at, String path) {
        String tag = ((LocatingYamlParser) parser).tag();
        if (tag != null && !tag.startsWith(STANDARD_TAG)) {
            problems.add(at.problem(path, "unsupported YAML tag '" + tag + "'"));
        }
    }

    /** Escapes a key for a JSON-pointer-like path. */
    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** A YAML factory whose parsers can report the anchor of every value, scalars included. */
    private static final class LocatingYamlFactory extends YAMLFactory {
        private static final long serialVersionUID = 1L;

        LocatingYamlFactory() {
            super(YAMLFactory.builder()
                    .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
                    .loaderOptions(loaderOptions()));
        }

        private static LoaderOptions loaderOptions() {
            LoaderOptions options = new LoaderOptions();
            options.setNestingDepthLimit(100);
            return options;
        }

        @Override
        protected YAMLParser _createParser(Reader r, IOContext ctxt) {
            return new LocatingYamlParser(ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, r);
        }
    }

    /** Jackson's YAML parser, plus the anchor of the current value (Jackson only reports it for collections). */
    private static final class LocatingYamlParser extends YAMLParser {
        LocatingYamlParser(IOContext ctxt, int parserFeatures, int formatFeatures, LoaderOptions options,
                           com.fasterxml.jackson.core.ObjectCodec codec, Reader reader) {
            super(ctxt, parserFeatures, formatFeatures, options, codec, reader);
        }

        String anchor() {
            return _lastEvent instanceof NodeEvent n ? n.getAnchor() : null;
        }

        String tag() {
            return switch (_lastEvent) {
                case ScalarEvent s -> s.getTag();
                case CollectionStartEvent c -> c.getTag();
                case null, default -> null;
            };
        }
    }
}
