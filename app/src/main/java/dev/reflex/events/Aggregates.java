package dev.reflex.events;

import dev.reflex.checks.JsonValues;
import dev.reflex.checks.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Aggregate views over stored results, as Sensu's aggregates API computes them: an aggregate is a
 * set of client/check pairs; its summary counts the latest results by severity.
 */
public final class Aggregates {

    private final EventState state;

    /** Aggregates over {@code state}. */
    public Aggregates(EventState state) {
        this.state = state;
    }

    /**
     * Counts of an aggregate's results.
     *
     * @param clients  distinct clients among the members
     * @param checks   distinct checks among the members
     * @param ok       results by severity (after dropping stale ones)
     * @param warning  results by severity
     * @param critical results by severity
     * @param unknown  results by severity
     * @param total    results counted
     * @param stale    results older than {@code max_age}
     */
    public record Summary(int clients, int checks, int ok, int warning, int critical, int unknown, int total, int stale) {

        /** Sensu's JSON shape {@code {clients, checks, results: {ok, warning, critical, unknown, total, stale}}}. */
        public Map<String, Object> toSensuMap() {
            Map<String, Object> results = new LinkedHashMap<>();
            results.put("ok", ok);
            results.put("warning", warning);
            results.put("critical", critical);
            results.put("unknown", unknown);
            results.put("total", total);
            results.put("stale", stale);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("clients", clients);
            m.put("checks", checks);
            m.put("results", results);
            return m;
        }
    }

    /**
     * The summary of an aggregate, or empty when it has no members. Members whose result is gone are
     * removed from the aggregate.
     *
     * @param maxAge   seconds; results executed earlier than {@code now - maxAge} are stale, or null
     * @param now      the current time in epoch seconds
     */
    public Optional<Summary> summary(String aggregate, Long maxAge, long now) {
        Set<ResultKey> members = state.aggregateMembers(aggregate);
        if (members.isEmpty()) {
            return Optional.empty();
        }
        Set<String> clients = new LinkedHashSet<>();
        Set<String> checks = new LinkedHashSet<>();
        List<ResultFacts> results = new ArrayList<>();
        for (ResultKey member : members) {
            clients.add(member.client());
            checks.add(member.check());
            Optional<ResultFacts> result = state.resultFacts(member);
            if (result.isPresent()) {
                results.add(result.get());
            } else {
                state.removeAggregateMember(aggregate, member);
            }
        }
        int stale = 0;
        if (maxAge != null) {
            long oldest = now - maxAge;
            int before = results.size();
            results.removeIf(r -> r.executed() != null && r.executed() < oldest);
            stale = before - results.size();
        }
        int[] counts = new int[4];
        for (ResultFacts r : results) {
            counts[Severity.ofStatus(r.status()).ordinal()]++;
        }
        return Optional.of(new Summary(clients.size(), checks.size(), counts[0], counts[1], counts[2], counts[3],
                results.size(), stale));
    }

    /** The members grouped by client: {@code [{name, checks}]}, or empty when unknown. */
    public Optional<List<Map<String, Object>>> byClient(String aggregate) {
        return group(aggregate, true);
    }

    /** The members grouped by check: {@code [{name, clients}]}, or empty when unknown. */
    public Optional<List<Map<String, Object>>> byCheck(String aggregate) {
        return group(aggregate, false);
    }

    private Optional<List<Map<String, Object>>> group(String aggregate, boolean byClient) {
        Set<ResultKey> members = state.aggregateMembers(aggregate);
        if (members.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (ResultKey m : members) {
            groups.computeIfAbsent(byClient ? m.client() : m.check(), k -> new ArrayList<>())
                    .add(byClient ? m.check() : m.client());
        }
        List<Map<String, Object>> out = new ArrayList<>();
        groups.forEach((name, items) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", name);
            entry.put(byClient ? "checks" : "clients", items);
            out.add(entry);
        });
        return Optional.of(out);
    }

    /**
     * The results of one severity, grouped by check and output:
     * {@code [{check, summary: [{output, total, clients}]}]}, or empty when the aggregate is unknown.
     */
    public Optional<List<Map<String, Object>>> resultsBySeverity(String aggregate, Severity severity, Long maxAge, long now) {
        Set<ResultKey> members = state.aggregateMembers(aggregate);
        if (members.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Map<String, List<String>>> summaries = new LinkedHashMap<>();
        for (ResultKey m : members) {
            Optional<ResultFacts> facts = state.resultFacts(m);
            if (facts.isEmpty()) {
                continue;
            }
            long status = facts.get().status();
            Long executed = facts.get().executed();
            boolean fresh = maxAge == null || executed == null || executed >= now - maxAge;
            if (status >= -4 && status < 4 && Severity.ofStatus(status) == severity && fresh) {
                Optional<Map<String, Object>> result = state.result(m); // the output, only for the members shown
                if (result.isPresent()) {
                    summaries.computeIfAbsent(m.check(), k -> new LinkedHashMap<>())
                            .computeIfAbsent(String.valueOf(result.get().get("output")), k -> new ArrayList<>())
                            .add(m.client());
                }
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        summaries.forEach((check, outputs) -> {
            List<Map<String, Object>> summary = new ArrayList<>();
            outputs.forEach((output, clients) -> {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("output", output);
                s.put("total", clients.size());
                s.put("clients", clients);
                summary.add(s);
            });
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("check", check);
            entry.put("summary", summary);
            out.add(entry);
        });
        return Optional.of(out);
    }
}
