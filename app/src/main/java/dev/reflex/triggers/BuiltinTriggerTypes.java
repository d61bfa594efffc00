package dev.reflex.triggers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * The trigger types every Reflex knows: those of StackStorm's {@code core} pack (schemas as in
 * {@code st2common/constants/triggers.py}) and {@code sensu.event_handler}.
 */
final class BuiltinTriggerTypes {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String ANY_OF_STRING_OR_INT = "{\"anyOf\": [{\"type\": \"string\"}, {\"type\": \"integer\"}]";

    private static final String TIMER_PAYLOAD = """
            {"type": "object", "properties": {
              "executed_at": {"type": "string", "format": "date-time", "default": "2014-07-30 05:04:24.578325"},
              "schedule": {"type": "object", "default": {"delta": 30, "units": "seconds"}}}}""";

    private BuiltinTriggerTypes() {
    }

    static List<TriggerType> all() {
        return List.of(
                core("st2.webhook", "Trigger type for registering webhooks that can consume arbitrary payload.",
                        """
                        {"type": "object", "properties": {"headers": {"type": "object"},
                          "body": {"anyOf": [{"type": "array"}, {"type": "object"}]}}}""",
                        """
                        {"type": "object", "properties": {"url": {"type": "string", "required": true}},
                         "additionalProperties": false}"""),
                core("st2.IntervalTimer", "Triggers on specified intervals. e.g. every 30s, 1week etc.", TIMER_PAYLOAD,
                        """
                        {"type": "object", "properties": {"timezone": {"type": "string"},
                          "unit": {"enum": ["weeks", "days", "hours", "minutes", "seconds"], "required": true},
                          "delta": {"type": "integer", "required": true}},
                         "additionalProperties": false}"""),
                core("st2.DateTimer", "Triggers exactly once when the current time matches the specified time. "
                                + "e.g. timezone:UTC date:2014-12-31 23:59:59.", TIMER_PAYLOAD,
                        """
                        {"type": "object", "properties": {"timezone": {"type": "string"},
                          "date": {"type": "string", "format": "date-time", "required": true}},
                         "additionalProperties": false}"""),
                core("st2.CronTimer", "Triggers whenever current time matches the specified time constaints like "
                                + "a UNIX cron scheduler.", TIMER_PAYLOAD, cronParameters()),
                core("st2.generic.actiontrigger", "Trigger encapsulating the completion of an action execution.",
                        open("execution_id", "status", "start_timestamp", "action_name", "action_ref", "runner_ref",
                                "parameters", "result"), null),
                core("st2.generic.notifytrigger", "Notification trigger.",
                        open("execution_id", "status", "start_timestamp", "end_timestamp", "action_ref", "runner_ref",
                                "channel", "route", "message", "data"), null),
                core("st2.generic.inquiry", "Trigger indicating a new \"inquiry\" has entered \"pending\" status",
                        """
                        {"type": "object", "properties": {
                          "id": {"type": "string", "description": "ID of the new inquiry.", "required": true},
                          "route": {"type": "string", "description": "An arbitrary value for allowing rules to route to proper notification channel.", "required": true}},
                         "additionalProperties": false}""", null),
                core("st2.action.file_written", "Trigger encapsulating action file being written on disk.",
                        open("ref", "file_path", "host_info"), null),
                core("st2.sensor.process_spawn", "Trigger indicating sensor process is started up.", open("object"), null),
                core("st2.sensor.process_exit", "Trigger indicating sensor process is stopped.", open("object"), null),
                core("st2.key_value_pair.create", "Trigger encapsulating datastore item creation.", open("object"), null),
                core("st2.key_value_pair.update", "Trigger encapsulating datastore set action.", open("object"), null),
                core("st2.key_value_pair.value_change", "Trigger encapsulating a change of datastore item value.",
                        open("old_object", "new_object"), null),
                core("st2.key_value_pair.delete", "Trigger encapsulating datastore item deletion.", open("object"), null),
                TriggerType.of("sensu", "event_handler", "Trigger type for sensu event handler.", json(SENSU_EVENT), null));
    }

    /**
     * A Sensu 1.x event as the StackStorm handler posts it. The pack's own type has no schema; this
     * one only insists on what the handler itself requires ({@code client.name}, {@code check.name})
     * and on the types of the standard attributes, and allows anything else.
     */
    private static final String SENSU_EVENT = """
            {"type": "object", "properties": {
              "id": {"type": "string"},
              "action": {"type": "string"},
              "timestamp": {"type": "integer"},
              "occurrences": {"type": "integer"},
              "occurrences_watermark": {"type": "integer"},
              "silenced": {"type": "boolean"},
              "silenced_by": {"type": "array"},
              "last_ok": {"type": ["integer", "null"]},
              "last_state_change": {"type": ["integer", "null"]},
              "check": {"type": "object", "required": true, "properties": {
                "name": {"type": "string", "required": true},
                "output": {"type": "string"},
                "status": {"type": "integer"},
                "history": {"type": "array"},
                "issued": {"type": "integer"},
                "executed": {"type": "integer"}}},
              "client": {"type": "object", "required": true, "properties": {
                "name": {"type": "string", "required": true},
                "address": {"type": "string"},
                "subscriptions": {"type": "array"},
                "timestamp": {"type": "integer"}}}}}""";

    private static String cronParameters() {
        StringBuilder b = new StringBuilder("{\"type\": \"object\", \"properties\": {\"timezone\": {\"type\": \"string\"}, ");
        b.append("\"year\": ").append(ANY_OF_STRING_OR_INT).append("}");
        String[][] bounded = {{"month", "1", "12"}, {"day", "1", "31"}, {"week", "1", "53"}, {"day_of_week", "0", "6"},
            {"hour", "0", "23"}, {"minute", "0", "59"}, {"second", "0", "59"}};
        for (String[] f : bounded) {
            b.append(", \"").append(f[0]).append("\": ").append(ANY_OF_STRING_OR_INT)
                    .append(", \"minimum\": ").append(f[1]).append(", \"maximum\": ").append(f[2]).append('}');
        }
        return b.append("}, \"additionalProperties\": false}").toString();
    }

    private static String open(String... properties) {
        StringBuilder b = new StringBuilder("{\"type\": \"object\", \"properties\": {");
        for (int i = 0; i < properties.length; i++) {
            b.append(i == 0 ? "" : ", ").append('"').append(properties[i]).append("\": {}");
        }
        return b.append("}}").toString();
    }

    private static TriggerType core(String name, String description, String payload, String parameters) {
        return TriggerType.of("core", name, description, json(payload), parameters == null ? null : json(parameters));
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bad built-in schema: " + text, e);
        }
    }
}
