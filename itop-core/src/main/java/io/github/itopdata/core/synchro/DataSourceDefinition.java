package io.github.itopdata.core.synchro;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a data source definition file: the JSON object that iTop's data collectors send to create
 * or update a data source, after they substituted their own placeholders.
 *
 * <p>Keys are the field codes of {@code SynchroDataSource}; values may be strings or numbers.
 * {@code attribute_list} contains one object per synchro attribute with the keys {@code attcode},
 * {@code update}, {@code reconcile}, {@code update_policy}, {@code finalclass}
 * ({@code SynchroAttribute}, {@code SynchroAttExtKey} or {@code SynchroAttLinkSet}),
 * {@code reconciliation_attcode} and the link set separators. Computed keys
 * ({@code friendlyname}, {@code *_friendlyname}, {@code *_name}) and {@code id} are ignored;
 * other unknown keys give a warning. {@code user_id} and {@code notify_contact_id} may be an
 * id, or a login or contact name that the given resolvers turn into an id.
 */
public final class DataSourceDefinition {

    private static final Set<String> SOURCE_FIELDS = Set.of("name", "description", "status", "user_id",
            "notify_contact_id", "scope_class", "database_table_name", "scope_restriction", "full_load_periodicity",
            "reconciliation_policy", "action_on_zero", "action_on_one", "action_on_multiple", "delete_policy",
            "delete_policy_update", "delete_policy_retention", "attribute_list", "user_delete_policy", "url_icon",
            "url_application");
    private static final Set<String> ATTRIBUTE_FIELDS = Set.of("attcode", "update", "reconcile", "update_policy",
            "reconciliation_attcode", "row_separator", "attribute_separator", "value_separator",
            "attribute_qualifier", "finalclass", "sync_source_id");

    /** A parsed definition and the warnings about keys that were ignored. */
    public record Parsed(DataSource source, List<String> warnings) {
    }

    private DataSourceDefinition() {
    }

    /**
     * Parses a definition.
     *
     * @param userIds turns a {@code user_id} given as a login into the user's id
     * @param contactIds turns a {@code notify_contact_id} given as a name into the contact's id
     * @throws DataSourceException naming the field when the JSON or a value is invalid
     */
    public static Parsed parse(String json, Function<String, Optional<Long>> userIds,
            Function<String, Optional<Long>> contactIds) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new DataSourceException("Invalid JSON in the data source definition at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
                    + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new DataSourceException("Invalid data source definition: expected a JSON object of field codes");
        }
        List<String> warnings = new ArrayList<>();
        warnUnknown(root, SOURCE_FIELDS, "", warnings);
        String name = text(root, "name").orElseThrow(() -> new DataSourceException(
                "Missing field 'name' in the data source definition"));
        String scopeClass = text(root, "scope_class").orElseThrow(() -> new DataSourceException(
                "Missing field 'scope_class' in the data source definition"));
        DataSource.Builder builder = DataSource.builder(name, scopeClass);
        text(root, "description").ifPresent(builder::description);
        text(root, "status").ifPresent(builder::status);
        text(root, "database_table_name").ifPresent(builder::databaseTableName);
        text(root, "scope_restriction").ifPresent(builder::scopeRestriction);
        text(root, "reconciliation_policy").ifPresent(builder::reconciliationPolicy);
        text(root, "action_on_zero").ifPresent(builder::actionOnZero);
        text(root, "action_on_one").ifPresent(builder::actionOnOne);
        text(root, "action_on_multiple").ifPresent(builder::actionOnMultiple);
        text(root, "delete_policy").ifPresent(builder::deletePolicy);
        text(root, "delete_policy_update").ifPresent(builder::deletePolicyUpdate);
        text(root, "user_delete_policy").ifPresent(builder::userDeletePolicy);
        text(root, "url_icon").ifPresent(builder::urlIcon);
        text(root, "url_application").ifPresent(builder::urlApplication);
        number(root, "full_load_periodicity").ifPresent(builder::fullLoadPeriodicity);
        number(root, "delete_policy_retention").ifPresent(builder::deletePolicyRetention);
        reference(root, "user_id", userIds, "user").ifPresent(builder::userId);
        reference(root, "notify_contact_id", contactIds, "contact").ifPresent(builder::notifyContactId);

        JsonNode list = root.get("attribute_list");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) {
                throw new DataSourceException("Invalid field 'attribute_list': expected an array of objects");
            }
            List<SynchroAttributeDef> attributes = new ArrayList<>();
            int index = 0;
            for (JsonNode item : list) {
                attributes.add(attribute(item, index++, warnings));
            }
            builder.attributes(attributes);
        }
        return new Parsed(builder.build(), warnings);
    }

    private static SynchroAttributeDef attribute(JsonNode item, int index, List<String> warnings) {
        String where = "attribute_list[" + index + "]";
        if (!item.isObject()) {
            throw new DataSourceException("Invalid " + where + ": expected an object");
        }
        warnUnknown(item, ATTRIBUTE_FIELDS, where + ".", warnings);
        String attCode = text(item, "attcode").orElseThrow(() -> new DataSourceException("Missing field 'attcode' in "
                + where));
        String className = text(item, "finalclass").orElse("SynchroAttribute");
        SynchroAttributeDef.Kind kind = SynchroAttributeDef.Kind.fromClassName(className).orElseThrow(() ->
                new DataSourceException("Invalid finalclass '" + className + "' in " + where + " (" + attCode
                        + "): expected SynchroAttribute, SynchroAttExtKey or SynchroAttLinkSet"));
        return new SynchroAttributeDef(attCode, kind, flag(item, "update", true, where),
                flag(item, "reconcile", false, where), text(item, "update_policy").orElse("master_locked"),
                text(item, "reconciliation_attcode").orElse(""), text(item, "row_separator").orElse(""),
                text(item, "attribute_separator").orElse(""), text(item, "value_separator").orElse(""),
                text(item, "attribute_qualifier").orElse(""));
    }

    private static void warnUnknown(JsonNode node, Set<String> known, String prefix, List<String> warnings) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            String key = fields.next().getKey();
            boolean computed = key.equals("id") || key.equals("friendlyname") || key.endsWith("_friendlyname")
                    || key.endsWith("_name") || key.endsWith("_id_archive_flag");
            if (!known.contains(key) && !computed) {
                warnings.add("Unknown field '" + prefix + key + "' ignored");
            }
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isContainerNode()) {
            throw new DataSourceException("Invalid field '" + field + "': expected a string or a number");
        }
        return Optional.of(value.asText());
    }

    private static Optional<Long> number(JsonNode node, String field) {
        return text(node, field).map(String::strip).filter(t -> !t.isEmpty()).map(t -> {
            if (!t.matches("[0-9]{1,18}")) {
                throw new DataSourceException("Invalid field '" + field + "': '" + t + "' is not a number of seconds");
            }
            return Long.parseLong(t);
        });
    }

    private static boolean flag(JsonNode node, String field, boolean defaultValue, String where) {
        Optional<String> text = text(node, field).map(String::strip);
        if (text.isEmpty() || text.get().isEmpty()) {
            return defaultValue;
        }
        return switch (text.get().toLowerCase(java.util.Locale.ROOT)) {
            case "1", "true", "yes" -> true;
            case "0", "false", "no" -> false;
            default -> throw new DataSourceException("Invalid field '" + field + "' in " + where + ": '" + text.get()
                    + "', expected 1 or 0");
        };
    }

    private static Optional<Long> reference(JsonNode node, String field, Function<String, Optional<Long>> resolver,
            String kind) {
        Optional<String> text = text(node, field).map(String::strip).filter(t -> !t.isEmpty() && !t.equals("0"));
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (text.get().matches("[0-9]{1,18}")) {
            return Optional.of(Long.parseLong(text.get()));
        }
        return Optional.of(resolver.apply(text.get()).orElseThrow(() -> new DataSourceException("Invalid field '"
                + field + "': no " + kind + " '" + text.get() + "'")));
    }
}
