package io.github.itopdata.core.query;

import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.AttributeType;
import io.github.itopdata.core.model.EnumValue;
import io.github.itopdata.core.model.Model;
import io.github.itopdata.core.model.ModelClass;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The small model that the OQL and export behaviour is described on: Organization, Contact
 * (abstract) with Person and Team, Location, Server and lnkPersonToTeam.
 */
public final class FixtureModel {

    private static final List<EnumValue> ACTIVE_INACTIVE =
            List.of(new EnumValue("active", "Active"), new EnumValue("inactive", "Inactive"));

    private final Map<String, ModelClass> classes = new HashMap<>();
    private final List<ModelClass> ordered = new ArrayList<>();

    private FixtureModel() {
    }

    /** Builds the fixture model. */
    public static Model build() {
        FixtureModel fixture = new FixtureModel();
        fixture.add("Organization", null, false, List.of("name"), "status = 'inactive'",
                string("name", "Name"), string("code", "Code"), enumeration("status", "Status", ACTIVE_INACTIVE),
                key("parent_id", "Parent", AttributeType.HIERARCHICAL_KEY, "Organization", true));
        fixture.add("Location", null, false, List.of("name"), null,
                string("name", "Name"), string("city", "City"),
                key("org_id", "Organization", AttributeType.EXTERNAL_KEY, "Organization", false));
        fixture.add("Contact", null, true, List.of("name"), "status = 'inactive'",
                string("name", "Last Name"), enumeration("status", "Status", ACTIVE_INACTIVE),
                key("org_id", "Organization", AttributeType.EXTERNAL_KEY, "Organization", false),
                AttributeDef.builder("email", AttributeType.EMAIL).label("Email"),
                AttributeDef.builder("org_name", AttributeType.EXTERNAL_FIELD).label("Organization name")
                        .targetClass("Organization").externalField("org_id", "name"));
        fixture.add("Person", "Contact", false, List.of("first_name", "name"), null,
                string("first_name", "First Name"),
                key("location_id", "Location", AttributeType.EXTERNAL_KEY, "Location", true));
        fixture.add("Team", "Contact", false, List.of("name"), null);
        fixture.add("Server", null, false, List.of("name"), null,
                string("name", "Name"),
                key("org_id", "Organization", AttributeType.EXTERNAL_KEY, "Organization", false),
                enumeration("status", "Status", List.of(new EnumValue("production", "Production"),
                        new EnumValue("implementation", "Implementation"))),
                AttributeDef.builder("cpu_count", AttributeType.INTEGER).label("CPU count"),
                AttributeDef.builder("ram_gb", AttributeType.DECIMAL).label("RAM (GB)").precision(6, 2),
                AttributeDef.builder("purchase_date", AttributeType.DATE).label("Purchase date"),
                AttributeDef.builder("last_scan", AttributeType.DATE_TIME).label("Last scan"),
                AttributeDef.builder("monitored", AttributeType.BOOLEAN).label("Monitored"),
                AttributeDef.builder("notes", AttributeType.HTML).label("Notes"),
                AttributeDef.builder("tags", AttributeType.TAG_SET).label("Tags")
                        .enumValues(List.of(new EnumValue("linux", "Linux"), new EnumValue("db", "Database"))));
        fixture.add("lnkPersonToTeam", null, false, List.of("person_id", "team_id"), null,
                key("person_id", "Person", AttributeType.EXTERNAL_KEY, "Person", false),
                key("team_id", "Team", AttributeType.EXTERNAL_KEY, "Team", false),
                string("role", "Role"));
        return new Model(fixture.ordered);
    }

    private static AttributeDef.Builder string(String code, String label) {
        return AttributeDef.builder(code, AttributeType.STRING).label(label);
    }

    private static AttributeDef.Builder enumeration(String code, String label, List<EnumValue> values) {
        return AttributeDef.builder(code, AttributeType.ENUM).label(label).enumValues(values);
    }

    private static AttributeDef.Builder key(String code, String label, AttributeType type, String target, boolean nullable) {
        return AttributeDef.builder(code, type).label(label).targetClass(target).nullable(nullable);
    }

    private void add(String name, String parent, boolean isAbstract, List<String> naming, String obsolescence,
                     AttributeDef.Builder... attributes) {
        List<AttributeDef> own = new ArrayList<>();
        for (AttributeDef.Builder builder : attributes) {
            own.add(builder.definingClass(name).build());
        }
        List<AttributeDef> all = new ArrayList<>();
        if (parent != null) {
            all.addAll(classes.get(parent).allAttributes());
        }
        all.addAll(own);
        ModelClass.Builder builder = ModelClass.builder(name).parent(parent).isAbstract(isAbstract).label(name)
                .ownAttributes(own).allAttributes(all).namingAttributes(naming)
                .reconciliationKeys(naming).obsolescenceCondition(obsolescence);
        if (parent != null) {
            builder.obsolescenceCondition(obsolescence == null ? classes.get(parent).obsolescenceCondition().orElse(null) : obsolescence);
        }
        ModelClass modelClass = builder.build();
        classes.put(name, modelClass);
        ordered.add(modelClass);
    }
}
