package io.github.itopdata.core.synchro;

import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.AttributeType;
import io.github.itopdata.core.model.ModelClass;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The update rules of a delete policy ({@code delete_policy_update}): {@code attcode:value}
 * pairs separated by {@code ;}, such as {@code status:obsolete;description:gone}. Parts that do
 * not have exactly two fields are ignored, and nothing is trimmed, as in iTop.
 *
 * @param values the value of each attribute code, in the order written
 */
public record UpdateRules(Map<String, String> values) {

    /** Parses the rules text. */
    public static UpdateRules parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String part : text.split(";", -1)) {
            String[] fields = part.split(":", -1);
            if (fields.length == 2) {
                values.put(fields[0], fields[1]);
            }
        }
        return new UpdateRules(java.util.Collections.unmodifiableMap(values));
    }

    /**
     * Checks that each code is an attribute of the class and each enumerated value is allowed.
     *
     * @throws DataSourceException naming the first invalid code or value
     */
    public void check(ModelClass modelClass) {
        for (Map.Entry<String, String> rule : values.entrySet()) {
            AttributeDef attribute = modelClass.attribute(rule.getKey()).orElseThrow(() -> new DataSourceException(
                    "Invalid delete_policy_update: class " + modelClass.name() + " has no attribute '" + rule.getKey()
                            + "'"));
            if (attribute.type() == AttributeType.ENUM && !rule.getValue().isEmpty()
                    && attribute.enumValue(rule.getValue()).isEmpty()) {
                throw new DataSourceException("Invalid delete_policy_update: '" + rule.getValue()
                        + "' is not a value of " + modelClass.name() + "." + rule.getKey() + ", expected one of "
                        + attribute.enumValues().stream().map(v -> v.code()).toList());
            }
        }
    }
}
