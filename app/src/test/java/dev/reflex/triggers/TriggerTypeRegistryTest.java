package dev.reflex.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reflex.template.PyJson;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriggerTypeRegistryTest {

    private final TriggerTypeRegistry registry = TriggerTypeRegistry.withBuiltins();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        return (Map<String, Object>) PyJson.loads(text);
    }

    @Test
    void holdsTheCoreAndSensuTypes() {
        assertThat(registry.all()).extracting(TriggerType::ref).contains("core.st2.webhook", "core.st2.IntervalTimer",
                "core.st2.DateTimer", "core.st2.CronTimer", "core.st2.generic.actiontrigger", "core.st2.generic.notifytrigger",
                "core.st2.key_value_pair.create", "core.st2.key_value_pair.update", "core.st2.key_value_pair.value_change",
                "core.st2.key_value_pair.delete", "sensu.event_handler");
        TriggerType webhook = registry.find("core.st2.webhook").orElseThrow();
        assertThat(webhook.pack()).isEqualTo("core");
        assertThat(webhook.name()).isEqualTo("st2.webhook");
        assertThat(webhook.parameterized()).isTrue();
        assertThat(registry.find("core.st2.generic.actiontrigger").orElseThrow().parameterized()).isFalse();
        assertThat(registry.find("nope.nope")).isEmpty();
    }

    @Test
    void webhookParametersNeedAUrlAndNothingElse() {
        assertThat(registry.validateParameters("core.st2.webhook", json("{\"url\": \"sample\"}")).valid()).isTrue();
        assertThat(registry.validateParameters("core.st2.webhook", json("{}")).violations())
                .extracting(SchemaViolation::message).containsExactly("'url' is a required property");
        assertThat(registry.validateParameters("core.st2.webhook", json("{\"url\": 5, \"x\": 1}")).violations())
                .extracting(SchemaViolation::toString)
                .containsExactlyInAnyOrder("5 is not of type 'string' (at /url)",
                        "Additional properties are not allowed ('x' was unexpected)");
    }

    @Test
    void timerParametersAreChecked() {
        assertThat(registry.validateParameters("core.st2.IntervalTimer", json("{\"delta\": 5, \"unit\": \"seconds\"}")).valid()).isTrue();
        assertThat(registry.validateParameters("core.st2.IntervalTimer", json("{\"delta\": \"5\", \"unit\": \"fortnights\"}"))
                .violations()).extracting(SchemaViolation::message).containsExactlyInAnyOrder(
                "'fortnights' is not one of ['weeks', 'days', 'hours', 'minutes', 'seconds']", "'5' is not of type 'integer'");
        assertThat(registry.validateParameters("core.st2.CronTimer", json("{\"hour\": 25, \"minute\": \"*/5\"}")).violations())
                .extracting(SchemaViolation::message).containsExactly("25 is greater than the maximum of 23");
        assertThat(registry.validateParameters("core.st2.DateTimer", json("{\"timezone\": null, \"date\": \"2014-12-31 23:59:59\"}"))
                .valid()).as("an optional property without default accepts null").isTrue();
    }

    @Test
    void payloadValidationFillsDefaults() {
        JsonSchema.Result r = registry.validatePayload("core.st2.IntervalTimer", json("{}"));
        assertThat(r.valid()).isTrue();
        assertThat(json(PyJson.dumps(r.value()))).containsEntry("executed_at", "2014-07-30 05:04:24.578325")
                .containsEntry("schedule", Map.of("delta", 30L, "units", "seconds"));
        assertThat(registry.validatePayload("core.st2.webhook", json("{\"body\": \"text\"}")).violations())
                .extracting(SchemaViolation::message).containsExactly("'text' is not valid under any of the given schemas");
        assertThat(registry.validatePayload("core.st2.generic.inquiry", json("{\"id\": \"1\"}")).violations())
                .extracting(SchemaViolation::message).containsExactly("'route' is a required property");
        assertThat(registry.validatePayload("nope.nope", json("{}")).violations()).extracting(SchemaViolation::message)
                .containsExactly("Trigger type with reference \"nope.nope\" doesn't exist");
    }

    @Test
    void aSensuEventIsAValidSensuPayload() {
        Map<String, Object> event = json("""
                {"id": "ef6b87d2-1f89-439f-8bea-33881436ab90", "action": "create", "timestamp": 1460172826, "occurrences": 2,
                 "check": {"type": "standard", "total_state_change": 11, "history": ["0", "0", "1", "1", "2", "2"],
                           "status": 2, "output": "No keepalive sent from client for 230 seconds (>=180)",
                           "executed": 1460172826, "issued": 1460172826, "name": "keepalive",
                           "thresholds": {"critical": 180, "warning": 120}},
                 "client": {"timestamp": 1460172596, "version": "1.2.0", "socket": {"port": 3030, "bind": "127.0.0.1"},
                            "subscriptions": ["production"], "environment": "development", "address": "127.0.0.1",
                            "name": "client-01"}}""");
        assertThat(registry.validatePayload("sensu.event_handler", event).violations()).isEmpty();
        assertThat(registry.validatePayload("sensu.event_handler", json("{\"check\": {\"name\": \"x\"}, \"client\": {}}"))
                .violations()).extracting(SchemaViolation::toString).containsExactly("'name' is a required property (at /client)");
    }

    @Test
    void triggersHaveAStableRefPerParameterSet() {
        Trigger plain = Trigger.of("sensu.event_handler", Map.of());
        assertThat(plain.ref()).isEqualTo("sensu.event_handler");
        assertThat(plain.uid()).isEqualTo("trigger:sensu:event_handler");
        Trigger a = Trigger.of("core.st2.IntervalTimer", json("{\"delta\": 5, \"unit\": \"seconds\"}"));
        Trigger b = Trigger.of("core.st2.IntervalTimer", json("{\"unit\": \"seconds\", \"delta\": 5}"));
        Trigger c = Trigger.of("core.st2.IntervalTimer", json("{\"unit\": \"seconds\", \"delta\": 6}"));
        assertThat(a.ref()).isEqualTo(b.ref()).isNotEqualTo(c.ref()).startsWith("core.");
        assertThat(a.name()).matches("[0-9a-f-]{36}");
        assertThat(a.type()).isEqualTo("core.st2.IntervalTimer");
    }

    @Test
    void triggerInstancesMoveThroughTheirStatuses() {
        TriggerInstance ti = TriggerInstance.pending("1", Trigger.of("x.y", null), null, Instant.EPOCH);
        assertThat(ti.status()).isEqualTo(TriggerInstanceStatus.PENDING);
        assertThat(ti.payload()).isEmpty();
        assertThat(ti.withStatus(TriggerInstanceStatus.PROCESSING_FAILED).status().wireName()).isEqualTo("processing_failed");
    }
}
