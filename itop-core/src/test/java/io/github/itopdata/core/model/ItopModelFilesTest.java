package io.github.itopdata.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Loads iTop's own design files (core, application, structure, configuration management, data
 * center and virtualization), in the order iTop's setup applies them.
 */
class ItopModelFilesTest {

    private static Path datamodel;
    private static LoadedModel loaded;

    @BeforeAll
    static void load() {
        String shared = System.getProperty("itop.shared.dir");
        assumeTrue(shared != null, "system property itop.shared.dir is not set");
        datamodel = Path.of(shared, "data", "itop-datamodel");
        assumeTrue(Files.isDirectory(datamodel), "iTop's model files are absent: " + datamodel);
        loaded = new ModelLoader().addFiles(modelFiles()).load();
    }

    private static List<Path> modelFiles() {
        return List.of(
                datamodel.resolve("core/datamodel.core.xml"),
                datamodel.resolve("application/datamodel.application.xml"),
                datamodel.resolve("datamodels/2.x/itop-structure/datamodel.itop-structure.xml"),
                datamodel.resolve("datamodels/2.x/itop-config-mgmt/datamodel.itop-config-mgmt.xml"),
                datamodel.resolve("datamodels/2.x/itop-datacenter-mgmt/datamodel.itop-datacenter-mgmt.xml"),
                datamodel.resolve("datamodels/2.x/itop-virtualization-mgmt/datamodel.itop-virtualization-mgmt.xml"));
    }

    private static List<Path> dictionaryFiles() {
        return List.of(
                datamodel.resolve("dictionaries/en.dictionary.itop.core.php"),
                datamodel.resolve("datamodels/2.x/itop-structure/dictionaries/en.dict.itop-structure.php"),
                datamodel.resolve("datamodels/2.x/itop-config-mgmt/dictionaries/en.dict.itop-config-mgmt.php"),
                datamodel.resolve("datamodels/2.x/itop-datacenter-mgmt/dictionaries/en.dict.itop-datacenter-mgmt.php"),
                datamodel.resolve("datamodels/2.x/itop-virtualization-mgmt/dictionaries/en.dict.itop-virtualization-mgmt.php"));
    }

    /** Tells whether the loader added the attribute rather than reading it from a {@code <field>}. */
    private static boolean isAddedByLoader(AttributeDef attribute) {
        if (attribute.type() != AttributeType.EXTERNAL_FIELD) {
            return attribute.isComputed();
        }
        String key = attribute.extKeyAttCode().orElseThrow();
        return attribute.code().equals(key + "_friendlyname") || attribute.code().equals(key + "_finalclass_recall")
                || attribute.code().equals(key + "_obsolescence_flag");
    }

    @Test
    void classAndAttributeCounts() {
        Model model = loaded.model();
        List<AttributeDef> own = model.classes().stream().flatMap(c -> c.ownAttributes().stream()).toList();

        assertThat(model.classes()).hasSize(81);
        assertThat(own.stream().filter(a -> !isAddedByLoader(a))).hasSize(313);
        assertThat(own).hasSize(573);
    }

    @Test
    void warningsPerFileAndKind() {
        List<String> warnings = loaded.warnings().stream()
                .map(w -> w.file().substring(w.file().lastIndexOf('/') + 1) + " | " + w.subject() + " | " + w.count())
                .toList();

        assertThat(warnings).doesNotHaveDuplicates();
        assertThat(warnings).containsExactly(
                "datamodel.core.xml | class/presentation | 3",
                "datamodel.core.xml | class/php_parent | 2",
                "datamodel.core.xml | class/properties/naming/complementary_attributes | 1",
                "datamodel.core.xml | class/properties/style | 1",
                "datamodel.core.xml | field/display_max_width | 1",
                "datamodel.core.xml | field/display_max_height | 1",
                "datamodel.core.xml | field/storage_max_width | 1",
                "datamodel.core.xml | field/storage_max_height | 1",
                "datamodel.core.xml | field type AttributeOQL | 1",
                "datamodel.core.xml | class/methods | 1",
                "datamodel.core.xml | class/properties/order | 1",
                "datamodel.core.xml | field/target | 1",
                "datamodel.core.xml | user_rights/profiles/profile | 1",
                "datamodel.core.xml | meta/classes/class | 17",
                "datamodel.core.xml | meta/attribute_properties_definition/properties | 1",
                "datamodel.core.xml | attribute referring to something not in the model | 2",
                "datamodel.core.xml | reconciliation attribute not in the class | 3",
                "datamodel.core.xml | naming attribute not in the class | 2",
                "datamodel.core.xml | uniqueness rule attribute not in the class | 2",
                "datamodel.application.xml | meta/classes/class | 1",
                "datamodel.application.xml | portals/portal | 1",
                "datamodel.application.xml | menus/menu | 19",
                "datamodel.application.xml | events/event | 16",
                "datamodel.application.xml | attribute referring to something not in the model | 1",
                "datamodel.itop-structure.xml | class/properties/fields_semantic | 5",
                "datamodel.itop-structure.xml | class/properties/style | 13",
                "datamodel.itop-structure.xml | field/values/value/style | 6",
                "datamodel.itop-structure.xml | field/display_style | 5",
                "datamodel.itop-structure.xml | field type AttributeDashboard | 1",
                "datamodel.itop-structure.xml | class/presentation | 13",
                "datamodel.itop-structure.xml | field/edit_mode | 2",
                "datamodel.itop-structure.xml | field/count_min | 4",
                "datamodel.itop-structure.xml | field/count_max | 4",
                "datamodel.itop-structure.xml | class/properties/naming/complementary_attributes | 4",
                "datamodel.itop-structure.xml | class/event_listeners | 1",
                "datamodel.itop-structure.xml | field/display_max_width | 1",
                "datamodel.itop-structure.xml | field/display_max_height | 1",
                "datamodel.itop-structure.xml | field/storage_max_width | 1",
                "datamodel.itop-structure.xml | field/storage_max_height | 1",
                "datamodel.itop-structure.xml | field/default_image | 1",
                "datamodel.itop-structure.xml | field/filter | 2",
                "datamodel.itop-structure.xml | field/dependencies | 1",
                "datamodel.itop-structure.xml | field/allow_target_creation | 1",
                "datamodel.itop-structure.xml | field/edit_when | 1",
                "datamodel.itop-structure.xml | class/methods | 2",
                "datamodel.itop-structure.xml | field/sort_type | 1",
                "datamodel.itop-structure.xml | field/values/value/rank | 3",
                "datamodel.itop-structure.xml | field/target | 1",
                "datamodel.itop-structure.xml | menus/menu | 13",
                "datamodel.itop-structure.xml | branding/themes/theme | 2",
                "datamodel.itop-structure.xml | attribute referring to something not in the model | 1",
                "datamodel.itop-config-mgmt.xml | field/edit_mode | 16",
                "datamodel.itop-config-mgmt.xml | field/count_min | 38",
                "datamodel.itop-config-mgmt.xml | field/count_max | 38",
                "datamodel.itop-config-mgmt.xml | class/presentation | 56",
                "datamodel.itop-config-mgmt.xml | class/properties/naming/complementary_attributes | 29",
                "datamodel.itop-config-mgmt.xml | class/properties/style | 49",
                "datamodel.itop-config-mgmt.xml | field/sort_type | 5",
                "datamodel.itop-config-mgmt.xml | field/values/value/rank | 10",
                "datamodel.itop-config-mgmt.xml | field/display_style | 10",
                "datamodel.itop-config-mgmt.xml | field/tracking_level | 6",
                "datamodel.itop-config-mgmt.xml | class/methods | 3",
                "datamodel.itop-config-mgmt.xml | class/relations | 6",
                "datamodel.itop-config-mgmt.xml | class/properties/fields_semantic | 7",
                "datamodel.itop-config-mgmt.xml | field/filter | 11",
                "datamodel.itop-config-mgmt.xml | field/dependencies | 10",
                "datamodel.itop-config-mgmt.xml | field/allow_target_creation | 7",
                "datamodel.itop-config-mgmt.xml | field/duplicates | 2",
                "datamodel.itop-config-mgmt.xml | field type AttributeRedundancySettings | 2",
                "datamodel.itop-config-mgmt.xml | field/values/value/style | 6",
                "datamodel.itop-config-mgmt.xml | field/target | 1",
                "datamodel.itop-config-mgmt.xml | field/display_max_width | 2",
                "datamodel.itop-config-mgmt.xml | field/display_max_height | 2",
                "datamodel.itop-config-mgmt.xml | field/storage_max_width | 2",
                "datamodel.itop-config-mgmt.xml | field/storage_max_height | 2",
                "datamodel.itop-config-mgmt.xml | menus/menu | 25",
                "datamodel.itop-config-mgmt.xml | attribute referring to something not in the model | 3",
                "datamodel.itop-datacenter-mgmt.xml | class/properties/naming/complementary_attributes | 5",
                "datamodel.itop-datacenter-mgmt.xml | class/properties/style | 5",
                "datamodel.itop-datacenter-mgmt.xml | field/edit_mode | 4",
                "datamodel.itop-datacenter-mgmt.xml | field/count_min | 4",
                "datamodel.itop-datacenter-mgmt.xml | field/count_max | 4",
                "datamodel.itop-datacenter-mgmt.xml | class/presentation | 5",
                "datamodel.itop-datacenter-mgmt.xml | class/relations | 2",
                "datamodel.itop-datacenter-mgmt.xml | field/filter | 2",
                "datamodel.itop-datacenter-mgmt.xml | field/dependencies | 2",
                "datamodel.itop-datacenter-mgmt.xml | field/allow_target_creation | 3",
                "datamodel.itop-datacenter-mgmt.xml | menus/menu | 3",
                "datamodel.itop-virtualization-mgmt.xml | class/relations | 3",
                "datamodel.itop-virtualization-mgmt.xml | class/properties/naming/complementary_attributes | 5",
                "datamodel.itop-virtualization-mgmt.xml | class/properties/fields_semantic | 1",
                "datamodel.itop-virtualization-mgmt.xml | class/properties/style | 6",
                "datamodel.itop-virtualization-mgmt.xml | field/sort_type | 1",
                "datamodel.itop-virtualization-mgmt.xml | field/values/value/rank | 4",
                "datamodel.itop-virtualization-mgmt.xml | field/display_style | 1",
                "datamodel.itop-virtualization-mgmt.xml | field/count_min | 4",
                "datamodel.itop-virtualization-mgmt.xml | field/count_max | 4",
                "datamodel.itop-virtualization-mgmt.xml | class/presentation | 6",
                "datamodel.itop-virtualization-mgmt.xml | field/edit_mode | 3",
                "datamodel.itop-virtualization-mgmt.xml | field type AttributeRedundancySettings | 1",
                "datamodel.itop-virtualization-mgmt.xml | field/filter | 2",
                "datamodel.itop-virtualization-mgmt.xml | field/dependencies | 2",
                "datamodel.itop-virtualization-mgmt.xml | field/tracking_level | 1",
                "datamodel.itop-virtualization-mgmt.xml | menus/menu | 1",
                "datamodel.itop-virtualization-mgmt.xml | attribute referring to something not in the model | 1");
    }

    @Test
    void classesOfEveryModuleAreLoaded() {
        Model model = loaded.model();

        assertThat(model.classes()).extracting(ModelClass::name).contains("Organization", "Person", "Team",
                "Server", "NetworkDevice", "Rack", "Enclosure", "PowerSource", "Farm", "Hypervisor",
                "VirtualMachine", "DBServer", "WebApplication", "lnkApplicationSolutionToFunctionalCI");
        assertThat(model.ancestors("Hypervisor")).extracting(ModelClass::name)
                .containsExactly("FunctionalCI", "VirtualDevice", "VirtualHost");
        assertThat(model.get("Hypervisor").attribute("server_id").orElseThrow().targetClass()).contains("Server");
        assertThat(model.get("Location").hasAttribute("physicaldevice_list")).isTrue();
        assertThat(model.get("Person").reconciliationKeys())
                .containsExactly("name", "first_name", "org_id", "org_name", "email", "employee_number");
    }

    @Test
    void withoutDictionariesLabelsAreCodes() {
        ModelClass person = loaded.model().get("Person");

        assertThat(person.label()).isEqualTo("Person");
        assertThat(person.attribute("first_name").orElseThrow().label()).isEqualTo("first_name");
        assertThat(person.attribute("status").orElseThrow().enumValue("active").orElseThrow().label()).isEqualTo("active");
    }

    @Test
    void dictionariesGiveEnglishLabels() {
        ModelLoader loader = new ModelLoader().addFiles(modelFiles());
        dictionaryFiles().forEach(loader::addDictionary);
        Model model = loader.load().model();

        ModelClass person = model.get("Person");
        assertThat(person.attribute("name").orElseThrow().label()).isEqualTo("Last Name");
        assertThat(person.attribute("first_name").orElseThrow().label()).isEqualTo("First Name");
        assertThat(model.get("Contact").attribute("name").orElseThrow().label()).isEqualTo("Name");
        assertThat(model.get("Organization").attribute("status").orElseThrow().enumValue("inactive").orElseThrow()
                .label()).isEqualTo("Inactive");
        assertThat(model.get("lnkPersonToTeam").label()).isEqualTo("Link Person / Team");
    }
}
