package dev.reflex.bench.rules;

import dev.reflex.rules.Rule;
import dev.reflex.triggers.Trigger;
import dev.reflex.triggers.TriggerInstance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * The rules-matching workload: 1,000 rules over 50 trigger types with the criteria real rule sets
 * use (equals, regex, gt, contains, search), and a stream of pre-generated Sensu-like payloads.
 * The same rules are also written as Esper EPL statements, and the payloads as Esper map events.
 *
 * <p>Per type: 16 rules keyed by an equality on {@code check.name} (with a regex, a gt, a contains
 * or a search, and half of them an equality on {@code action}), and 4 broad rules without an
 * equality. Payloads name one of 25 checks per type, so most hit one keyed rule.
 */
final class RulesWorkload {

    static final int TYPES = 50;
    static final int RULES_PER_TYPE = 20;
    static final int KEYED_PER_TYPE = 16;

    private static final String[] OUTPUTS = {"CheckLoad OK: load average 0.31", "CheckLoad CRITICAL: load average 9.12",
        "CheckDisk WARNING: disk usage 85%", "CheckDisk FATAL: disk full on /var", "CheckHttp OK: 200, 7812 bytes",
        "CheckProcess CRITICAL: 0 processes found", "Keepalive OK", "CheckDisk OK: disk usage 41%"};

    final List<Rule> rules = new ArrayList<>();
    final List<String> epl = new ArrayList<>();
    final TriggerInstance[] instances;
    final Map<String, Object>[] esperEvents;
    final String[] esperTypes;

    @SuppressWarnings("unchecked")
    RulesWorkload(long seed, int payloads) {
        for (int t = 0; t < TYPES; t++) {
            for (int r = 0; r < RULES_PER_TYPE; r++) {
                addRule(t, r);
            }
        }
        RandomGenerator rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        instances = new TriggerInstance[payloads];
        esperEvents = new Map[payloads];
        esperTypes = new String[payloads];
        // One Trigger and one Esper type name per type, shared by its instances, as a registry would.
        Trigger[] triggers = new Trigger[TYPES];
        String[] typeNames = new String[TYPES];
        for (int t = 0; t < TYPES; t++) {
            triggers[t] = Trigger.of(type(t), Map.of());
            typeNames[t] = esperType(t);
        }
        int[] types = new int[payloads];
        for (int i = 0; i < payloads; i++) {
            types[i] = rnd.nextInt(TYPES);
            Map<String, Object> payload = payload(rnd, types[i]);
            instances[i] = TriggerInstance.pending("ti-" + i, triggers[types[i]], payload, Instant.EPOCH);
        }
        // A second pass, so that neither engine's events are interleaved in memory with the other's.
        for (int i = 0; i < payloads; i++) {
            esperEvents[i] = esperEvent(instances[i].payload());
            esperTypes[i] = typeNames[types[i]];
        }
    }

    static String type(int t) {
        return String.format("bench.type%02d", t);
    }

    static String esperType(int t) {
        return String.format("T%02d", t);
    }

    private void addRule(int t, int r) {
        Map<String, Rule.Criterion> criteria = new LinkedHashMap<>();
        List<String> filter = new ArrayList<>();
        if (r < KEYED_PER_TYPE) {
            criteria.put("trigger.check.name", new Rule.Criterion("equals", checkName(t, r), null));
            filter.add("`check`.name = '" + checkName(t, r) + "'");
            switch (r % 4) {
                case 0 -> {
                    criteria.put("trigger.check.output", new Rule.Criterion("regex", "CRITICAL|FATAL", null));
                    filter.add("`check`.`output` regexp '.*(CRITICAL|FATAL).*'");
                }
                case 1 -> {
                    criteria.put("trigger.occurrences", new Rule.Criterion("gt", 2L, null));
                    filter.add("occurrences > 2");
                }
                case 2 -> {
                    criteria.put("trigger.client.name", new Rule.Criterion("contains", "web", null));
                    filter.add("client.name like '%web%'");
                }
                default -> {
                    criteria.put("trigger.tags", search("env", "prod"));
                    filter.add("tags.anyOf(x => x.k = 'env' and x.v = 'prod')");
                }
            }
            if (r % 2 == 0) {
                criteria.put("trigger.action", new Rule.Criterion("equals", "create", null));
                filter.add("`action` = 'create'");
            }
        } else {
            switch (r - KEYED_PER_TYPE) {
                case 0 -> {
                    criteria.put("trigger.check.output", new Rule.Criterion("regex", "FATAL", null));
                    criteria.put("trigger.occurrences", new Rule.Criterion("gt", 5L, null));
                    filter.add("`check`.`output` regexp '.*FATAL.*'");
                    filter.add("occurrences > 5");
                }
                case 1 -> {
                    criteria.put("trigger.occurrences", new Rule.Criterion("gt", 10L, null));
                    criteria.put("trigger.client.name", new Rule.Criterion("contains", "db", null));
                    filter.add("occurrences > 10");
                    filter.add("client.name like '%db%'");
                }
                case 2 -> {
                    criteria.put("trigger.tags", search("team", "payments"));
                    filter.add("tags.anyOf(x => x.k = 'team' and x.v = 'payments')");
                }
                default -> {
                    criteria.put("trigger.client.name", new Rule.Criterion("contains", "db-07", null));
                    criteria.put("trigger.check.output", new Rule.Criterion("regex", "disk", null));
                    filter.add("client.name like '%db-07%'");
                    filter.add("`check`.`output` regexp '.*disk.*'");
                }
            }
        }
        String name = String.format("rule_%02d_%02d", t, r);
        rules.add(new Rule(null, name, "bench", null, true, Rule.RuleType.STANDARD,
                new Rule.RuleTrigger(type(t), Map.of(), null, null), criteria,
                new Rule.RuleAction("core.noop", Map.of(), null), null, null, null));
        epl.add("@name('" + name + "') select 1 from " + esperType(t) + "(" + String.join(" and ", filter) + ")");
    }

    private static Rule.Criterion search(String k, String v) {
        Map<String, Object> children = new LinkedHashMap<>();
        children.put("item.k", Map.of("type", "equals", "pattern", k));
        children.put("item.v", Map.of("type", "equals", "pattern", v));
        return new Rule.Criterion("search", children, "any");
    }

    private static String checkName(int t, int r) {
        return "check_" + t + "_" + r;
    }

    private static Map<String, Object> payload(RandomGenerator rnd, int t) {
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("name", checkName(t, rnd.nextInt(25)));
        check.put("output", OUTPUTS[rnd.nextInt(OUTPUTS.length)]);
        check.put("status", (long) rnd.nextInt(3));
        Map<String, Object> client = new LinkedHashMap<>();
        client.put("name", rnd.nextInt(3) == 0 ? String.format("db-%02d", 1 + rnd.nextInt(10)) : String.format("web-%02d", 1 + rnd.nextInt(20)));
        client.put("address", "10.0." + rnd.nextInt(256) + "." + rnd.nextInt(256));
        List<Object> tags = new ArrayList<>();
        String[][] choices = {{"env", "prod"}, {"env", "staging"}, {"team", "payments"}, {"team", "search"}, {"dc", "eu"}};
        for (int i = 1 + rnd.nextInt(3); i > 0; i--) {
            String[] kv = choices[rnd.nextInt(choices.length)];
            Map<String, Object> tag = new LinkedHashMap<>();
            tag.put("k", kv[0]);
            tag.put("v", kv[1]);
            tags.add(tag);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", Long.toHexString(rnd.nextLong()));
        p.put("action", rnd.nextInt(4) == 0 ? "resolve" : "create");
        p.put("occurrences", (long) (1 + rnd.nextInt(12)));
        p.put("check", check);
        p.put("client", client);
        p.put("tags", tags);
        return p;
    }

    /** The payload as an Esper map event: nested maps stay maps, the tag list becomes a {@code Map[]}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> esperEvent(Map<String, Object> payload) {
        Map<String, Object> e = new LinkedHashMap<>(payload);
        List<Object> tags = (List<Object>) payload.get("tags");
        e.put("tags", tags.toArray(new Map[0]));
        return e;
    }

    /** The Esper schemas: one map type per trigger type. */
    static String esperSchemas() {
        StringBuilder b = new StringBuilder();
        b.append("@public @buseventtype create map schema CheckT as (name string, `output` string, status long);\n");
        b.append("@public @buseventtype create map schema ClientT as (name string, address string);\n");
        b.append("@public @buseventtype create map schema TagT as (k string, v string);\n");
        for (int t = 0; t < TYPES; t++) {
            b.append("@public @buseventtype create map schema ").append(esperType(t))
                    .append(" as (id string, `action` string, occurrences long, `check` CheckT, client ClientT, tags TagT[]);\n");
        }
        return b.toString();
    }
}
