package io.github.itopdata.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.itopdata.core.testing.DemoData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class DefaultModelTest {

    private final Model model = DefaultModel.load();

    @Test
    void defaultModelLoadsWithoutWarnings() {
        LoadedModel loaded = new ModelLoader().addDefaultModel().load();

        assertThat(loaded.warnings()).isEmpty();
        assertThat(loaded.model().classes()).hasSize(85);
    }

    @Test
    void defaultModelHasTheCmdbClasses() {
        assertThat(model.classes()).extracting(ModelClass::name).contains(
                "Organization", "Location", "Contact", "Person", "Team", "ContactType", "lnkPersonToTeam",
                "Brand", "Model", "OSFamily", "OSVersion", "NetworkDeviceType", "OSLicence", "SoftwareLicence",
                "FunctionalCI", "PhysicalDevice", "Server", "NetworkDevice", "PC", "Rack", "Enclosure", "PowerSource",
                "Farm", "Hypervisor", "VirtualMachine", "Software", "DBServer", "DatabaseSchema", "WebServer",
                "WebApplication", "Middleware", "ApplicationSolution", "lnkApplicationSolutionToFunctionalCI",
                "lnkContactToFunctionalCI", "User", "UserLocal", "URP_Profiles", "URP_UserProfile",
                "SynchroDataSource", "SynchroAttribute", "SynchroAttExtKey", "SynchroAttLinkSet", "SynchroLog",
                "SynchroReplica");
    }

    @Test
    void hierarchyOfServer() {
        assertThat(model.ancestors("Server")).extracting(ModelClass::name)
                .containsExactly("FunctionalCI", "PhysicalDevice", "ConnectableCI", "DatacenterDevice");
        assertThat(model.rootOf("Server").name()).isEqualTo("FunctionalCI");
        assertThat(model.isSameOrSubclassOf("Server", "FunctionalCI")).isTrue();
        assertThat(model.isSameOrSubclassOf("FunctionalCI", "Server")).isFalse();
        assertThat(model.get("FunctionalCI").isAbstract()).isTrue();
        assertThat(model.get("Server").isAbstract()).isFalse();
        assertThat(model.descendants("Contact")).extracting(ModelClass::name).containsExactly("Person", "Team");
    }

    @Test
    void personAttributesInIterationOrder() {
        ModelClass person = model.get("Person");

        List<String> codes = person.allAttributes().stream().map(AttributeDef::code).toList();
        assertThat(codes).startsWith("name", "status", "org_id", "org_name", "email", "phone", "notify", "function");
        assertThat(codes).contains("first_name", "employee_number", "mobile_phone", "location_id", "manager_id",
                "finalclass", "friendlyname", "obsolescence_flag", "org_id_friendlyname", "org_id_obsolescence_flag",
                "location_id_friendlyname", "manager_id_friendlyname");
        assertThat(codes.indexOf("name")).isLessThan(codes.indexOf("first_name"));
        assertThat(person.reconciliationKeys()).containsExactly("name", "first_name", "org_id", "org_name", "email", "employee_number");
        assertThat(person.namingAttributes()).containsExactly("first_name", "name");
    }

    @Test
    void englishLabelsOfClassesAttributesAndValues() {
        ModelClass person = model.get("Person");
        ModelClass server = model.get("Server");

        assertThat(person.label()).isEqualTo("Person");
        assertThat(person.attribute("name").orElseThrow().label()).isEqualTo("Last Name");
        assertThat(person.attribute("first_name").orElseThrow().label()).isEqualTo("First Name");
        assertThat(person.attribute("org_id").orElseThrow().label()).isEqualTo("Organization");
        assertThat(person.attribute("org_id_friendlyname").orElseThrow().label()).isEqualTo("Organization");
        assertThat(person.attribute("friendlyname").orElseThrow().label()).isEqualTo("Full name");
        assertThat(server.attribute("status").orElseThrow().enumValue("production").orElseThrow().label())
                .isEqualTo("production");
        assertThat(model.get("Organization").attribute("status").orElseThrow().enumValues())
                .containsExactly(new EnumValue("active", "Active"), new EnumValue("inactive", "Inactive"));
        assertThat(model.get("FunctionalCI").attribute("finalclass").orElseThrow().label()).isEqualTo("CI sub-class");
    }

    @Test
    void externalKeyAndExternalField() {
        ModelClass location = model.get("Location");

        AttributeDef orgId = location.attribute("org_id").orElseThrow();
        assertThat(orgId.type()).isEqualTo(AttributeType.EXTERNAL_KEY);
        assertThat(orgId.targetClass()).contains("Organization");
        assertThat(orgId.isNullable()).isFalse();
        assertThat(orgId.onTargetDelete()).contains(OnTargetDelete.DEL_MANUAL);
        assertThat(orgId.sqlColumn()).contains("org_id");

        AttributeDef orgName = location.attribute("org_name").orElseThrow();
        assertThat(orgName.type()).isEqualTo(AttributeType.EXTERNAL_FIELD);
        assertThat(orgName.extKeyAttCode()).contains("org_id");
        assertThat(orgName.targetAttCode()).contains("name");
        assertThat(orgName.targetClass()).contains("Organization");
        assertThat(orgName.isReadOnly()).isTrue();
        assertThat(orgName.sqlColumn()).isEmpty();
        assertThat(model.resolveExternalField(orgName).type()).isEqualTo(AttributeType.STRING);
    }

    @Test
    void hierarchicalKeyPointsToItsOwnClass() {
        AttributeDef parent = model.get("Organization").attribute("parent_id").orElseThrow();

        assertThat(parent.type()).isEqualTo(AttributeType.HIERARCHICAL_KEY);
        assertThat(parent.targetClass()).contains("Organization");
        assertThat(parent.type().isExternalKey()).isTrue();
    }

    @Test
    void linkedSets() {
        AttributeDef contacts = model.get("Server").attribute("contacts_list").orElseThrow();
        assertThat(contacts.type()).isEqualTo(AttributeType.LINKED_SET_INDIRECT);
        assertThat(contacts.linkedClass()).contains("lnkContactToFunctionalCI");
        assertThat(contacts.extKeyToMe()).contains("functionalci_id");
        assertThat(contacts.extKeyToRemote()).contains("contact_id");
        assertThat(contacts.definingClass()).isEqualTo("FunctionalCI");

        AttributeDef persons = model.get("Location").attribute("person_list").orElseThrow();
        assertThat(persons.type()).isEqualTo(AttributeType.LINKED_SET);
        assertThat(persons.linkedClass()).contains("Person");
        assertThat(persons.extKeyToMe()).contains("location_id");
        assertThat(model.get("lnkContactToFunctionalCI").isLink()).isTrue();
        assertThat(model.get("Person").isLink()).isFalse();
    }

    @Test
    void computedAttributesAreReadOnly() {
        ModelClass server = model.get("Server");

        for (String code : List.of("friendlyname", "finalclass", "obsolescence_flag", "org_id_friendlyname",
                "organization_name")) {
            assertThat(server.attribute(code).orElseThrow().isReadOnly()).as(code).isTrue();
        }
        assertThat(server.attribute("name").orElseThrow().isReadOnly()).isFalse();
        assertThat(server.attribute("finalclass").orElseThrow().definingClass()).isEqualTo("FunctionalCI");
    }

    @Test
    void finalClassRecallForKeysToHierarchies() {
        ModelClass link = model.get("lnkContactToFunctionalCI");

        assertThat(link.hasAttribute("functionalci_id_finalclass_recall")).isTrue();
        assertThat(link.hasAttribute("contact_id_finalclass_recall")).isTrue();
        assertThat(model.get("Location").hasAttribute("org_id_finalclass_recall")).isFalse();
    }

    @Test
    void obsolescenceConditionIsInherited() {
        assertThat(model.get("Organization").obsolescenceCondition()).contains("status = 'inactive'");
        assertThat(model.get("Person").obsolescenceCondition()).isPresent();
        assertThat(model.get("ContactType").obsolescenceCondition()).isEmpty();
        assertThat(model.get("ContactType").hasAttribute("obsolescence_flag")).isFalse();
    }

    @Test
    void typeSpecificProperties() {
        AttributeDef cpu = model.get("Server").attribute("cpu").orElseThrow();
        assertThat(cpu.maxLength()).isEqualTo(AttributeDef.STRING_MAX_LENGTH);
        AttributeDef move2production = model.get("Server").attribute("move2production").orElseThrow();
        assertThat(move2production.type()).isEqualTo(AttributeType.DATE);
        AttributeDef status = model.get("SynchroDataSource").attribute("status").orElseThrow();
        assertThat(status.defaultValue()).contains("implementation");
        assertThat(model.get("UserLocal").attribute("password").orElseThrow().type())
                .isEqualTo(AttributeType.ONE_WAY_PASSWORD);
        assertThat(model.get("SynchroDataSource").attribute("scope_class").orElseThrow().type())
                .isEqualTo(AttributeType.STRING);
    }

    @Test
    void unknownClassSuggestsCloseNames() {
        assertThatThrownBy(() -> model.get("server"))
                .isInstanceOf(UnknownClassException.class)
                .hasMessageContaining("Unknown class 'server'")
                .hasMessageContaining("Server");
        assertThat(model.find("server")).isEmpty();
    }

    @Test
    void sampleCsvColumnsAreAttributes() throws IOException {
        Path csvDir = DemoData.csvDirectory();

        List<String> unknown = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> listing = Files.list(csvDir)) {
            files = listing.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            ModelClass modelClass = model.get(name.substring(3, name.length() - 4));
            String header = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
            for (String column : header.split(",")) {
                if (!isColumnOf(modelClass, column)) {
                    unknown.add(modelClass.name() + ":" + column);
                }
            }
        }

        assertThat(files).hasSize(24);
        assertThat(unknown).isEmpty();
    }

    @Test
    void sampleCsvEnumValuesAreCodes() throws IOException {
        Path csvDir = DemoData.csvDirectory();

        List<String> invalid = new ArrayList<>();
        int checked = 0;
        List<Path> files;
        try (Stream<Path> listing = Files.list(csvDir)) {
            files = listing.filter(p -> p.toString().endsWith(".csv")).sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            ModelClass modelClass = model.get(name.substring(3, name.length() - 4));
            try (CSVParser parser = CSVParser.parse(file, StandardCharsets.UTF_8,
                    CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
                for (CSVRecord record : parser) {
                    for (String column : parser.getHeaderNames()) {
                        Optional<AttributeDef> attribute = modelClass.attribute(column)
                                .filter(a -> a.type() == AttributeType.ENUM);
                        String value = record.get(column);
                        if (attribute.isPresent() && !value.isEmpty()) {
                            checked++;
                            if (attribute.get().enumValue(value).isEmpty()) {
                                invalid.add(modelClass.name() + "." + column + "=" + value);
                            }
                        }
                    }
                }
            }
        }

        assertThat(checked).isGreaterThan(100);
        assertThat(invalid).isEmpty();
    }

    private boolean isColumnOf(ModelClass modelClass, String column) {
        int arrow = column.indexOf("->");
        if (arrow < 0) {
            return modelClass.hasAttribute(column);
        }
        return modelClass.attribute(column.substring(0, arrow))
                .filter(key -> key.type().isExternalKey())
                .map(key -> model.get(key.targetClass().orElseThrow()).hasAttribute(column.substring(arrow + 2)))
                .orElse(false);
    }
}
