package io.github.itopdata.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The _delta operations that iTop modules use to refine earlier model files. */
class DeltaOperationsTest {

    private static final String BASE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <itop_design xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="3.0">
              <classes>
                <class id="Organization" _delta="define">
                  <parent>cmdbAbstractObject</parent>
                  <properties>
                    <db_table>organization</db_table>
                    <naming><attributes><attribute id="name"/></attributes></naming>
                    <reconciliation><attributes><attribute id="name"/></attributes></reconciliation>
                  </properties>
                  <fields>
                    <field id="name" xsi:type="AttributeString"><sql>name</sql><is_null_allowed>false</is_null_allowed></field>
                    <field id="code" xsi:type="AttributeString"><sql>code</sql></field>
                    <field id="status" xsi:type="AttributeEnum">
                      <values><value id="active"><code>active</code></value><value id="inactive"><code>inactive</code></value></values>
                      <sql>status</sql><default_value>active</default_value>
                    </field>
                  </fields>
                </class>
              </classes>
            </itop_design>
            """;

    private static ModelSource source(String name, String xml) {
        return ModelSource.of(name, xml.getBytes(StandardCharsets.UTF_8));
    }

    private static String design(String classes) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <itop_design xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="3.0">
                  <classes>
                """ + classes + """
                  </classes>
                </itop_design>
                """;
    }

    private static LoadedModel load(String... extensions) {
        ModelLoader loader = new ModelLoader().addSource(source("base.xml", BASE));
        for (int i = 0; i < extensions.length; i++) {
            loader.addSource(source("extension" + (i + 1) + ".xml", extensions[i]));
        }
        return loader.load();
    }

    private static List<String> codes(Model model, String className) {
        return model.get(className).ownAttributes().stream().map(AttributeDef::code).toList();
    }

    @Test
    void defineAddsAClass() {
        Model model = load(design("""
                <class id="Location" _delta="define">
                  <parent>cmdbAbstractObject</parent>
                  <properties><db_table>location</db_table></properties>
                  <fields>
                    <field id="name" xsi:type="AttributeString"><sql>name</sql></field>
                    <field id="org_id" xsi:type="AttributeExternalKey"><sql>org_id</sql><target_class>Organization</target_class></field>
                  </fields>
                </class>
                """)).model();

        assertThat(model.classes()).extracting(ModelClass::name).containsExactly("Organization", "Location");
        assertThat(model.get("Location").attribute("org_id").orElseThrow().targetClass()).contains("Organization");
    }

    @Test
    void defineOfAnExistingElementFails() {
        String extension = design("""
                <class id="Organization" _delta="define">
                  <parent>cmdbAbstractObject</parent>
                </class>
                """);

        assertThatThrownBy(() -> load(extension))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("extension1.xml, line 4")
                .hasMessageContaining("<class id=\"Organization\">")
                .hasMessageContaining("already exists (defined in base.xml, line 4)");
    }

    @Test
    void mustExistMergesChildrenIntoTheExistingClass() {
        Model model = load(design("""
                <class id="Organization" _delta="must_exist">
                  <fields>
                    <field id="website" xsi:type="AttributeURL" _delta="define"><sql>website</sql></field>
                  </fields>
                </class>
                """)).model();

        assertThat(codes(model, "Organization")).startsWith("name", "code", "status", "website");
        assertThat(model.get("Organization").attribute("website").orElseThrow().type()).isEqualTo(AttributeType.URL);
    }

    @Test
    void mustExistOnAMissingElementFails() {
        String extension = design("""
                <class id="Team" _delta="must_exist">
                  <fields/>
                </class>
                """);

        assertThatThrownBy(() -> load(extension))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("extension1.xml, line 4")
                .hasMessageContaining("<class id=\"Team\"> (_delta=\"must_exist\") cannot be changed because no earlier file defines it");
    }

    @Test
    void redefineReplacesTheWholeElement() {
        Model model = load(design("""
                <class id="Organization" _delta="must_exist">
                  <fields>
                    <field id="code" xsi:type="AttributeInteger" _delta="redefine"><sql>org_code</sql></field>
                  </fields>
                </class>
                """)).model();

        AttributeDef code = model.get("Organization").attribute("code").orElseThrow();
        assertThat(code.type()).isEqualTo(AttributeType.INTEGER);
        assertThat(code.sqlColumn()).contains("org_code");
        assertThat(codes(model, "Organization")).startsWith("name", "code", "status");
    }

    @Test
    void redefineOfAMissingElementFails() {
        String extension = design("""
                <class id="Organization" _delta="must_exist">
                  <fields>
                    <field id="vat" xsi:type="AttributeString" _delta="redefine"/>
                  </fields>
                </class>
                """);

        assertThatThrownBy(() -> load(extension))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("extension1.xml, line 6")
                .hasMessageContaining("cannot be redefined");
    }

    @Test
    void deleteRemovesTheElement() {
        Model model = load(design("""
                <class id="Organization" _delta="must_exist">
                  <fields>
                    <field id="code" _delta="delete"/>
                  </fields>
                </class>
                """)).model();

        assertThat(model.get("Organization").hasAttribute("code")).isFalse();
        assertThat(codes(model, "Organization")).startsWith("name", "status");
    }

    @Test
    void deleteOfAMissingElementFails() {
        String extension = design("""
                <class id="Organization" _delta="must_exist">
                  <fields>
                    <field id="vat" _delta="delete"/>
                  </fields>
                </class>
                """);

        assertThatThrownBy(() -> load(extension))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("extension1.xml, line 6")
                .hasMessageContaining("cannot be deleted");
    }

    @Test
    void defineIfNotExistsKeepsAnExistingElement() {
        Model model = load(design("""
                <class id="Organization" _delta="must_exist">
                  <fields>
                    <field id="code" xsi:type="AttributeInteger" _delta="define_if_not_exists"><sql>other</sql></field>
                    <field id="vat" xsi:type="AttributeString" _delta="define_if_not_exists"><sql>vat</sql></field>
                  </fields>
                </class>
                """)).model();

        assertThat(model.get("Organization").attribute("code").orElseThrow().type()).isEqualTo(AttributeType.STRING);
        assertThat(model.get("Organization").attribute("vat").orElseThrow().sqlColumn()).contains("vat");
    }

    @Test
    void ifExistsIgnoresAMissingElement() {
        Model model = load(design("""
                <class id="Team" _delta="if_exists">
                  <fields>
                    <field id="size" xsi:type="AttributeInteger" _delta="define"><sql>size</sql></field>
                  </fields>
                </class>
                <class id="Organization" _delta="if_exists">
                  <fields>
                    <field id="size" xsi:type="AttributeInteger" _delta="define"><sql>size</sql></field>
                  </fields>
                </class>
                """)).model();

        assertThat(model.find("Team")).isEmpty();
        assertThat(model.get("Organization").hasAttribute("size")).isTrue();
    }

    @Test
    void elementWithoutDeltaIsMerged() {
        Model model = load(design("""
                <class id="Organization">
                  <properties>
                    <db_table>org</db_table>
                  </properties>
                  <fields>
                    <field id="name">
                      <is_null_allowed>true</is_null_allowed>
                    </field>
                  </fields>
                </class>
                """)).model();

        ModelClass organization = model.get("Organization");
        assertThat(organization.dbTable()).contains("org");
        assertThat(organization.reconciliationKeys()).containsExactly("name");
        AttributeDef name = organization.attribute("name").orElseThrow();
        assertThat(name.isNullable()).isTrue();
        assertThat(name.type()).isEqualTo(AttributeType.STRING);
        assertThat(name.sqlColumn()).contains("name");
    }

    @Test
    void elementWithoutDeltaIsAddedWhenMissing() {
        Model model = load(design("""
                <class id="Organization">
                  <fields>
                    <field id="vat" xsi:type="AttributeString"><sql>vat</sql></field>
                  </fields>
                </class>
                """)).model();

        assertThat(model.get("Organization").hasAttribute("vat")).isTrue();
    }

    @Test
    void renameFromChangesTheId() {
        Model model = load(design("""
                <class id="Organization" _delta="must_exist">
                  <fields>
                    <field id="short_code" _rename_from="code" _delta="must_exist"><sql>short_code</sql></field>
                  </fields>
                </class>
                """)).model();

        ModelClass organization = model.get("Organization");
        assertThat(organization.hasAttribute("code")).isFalse();
        assertThat(organization.attribute("short_code").orElseThrow().sqlColumn()).contains("short_code");
        assertThat(codes(model, "Organization")).startsWith("name", "short_code", "status");
    }

    @Test
    void renameFromAMissingElementFails() {
        String extension = design("""
                <class id="Organization" _delta="must_exist">
                  <fields>
                    <field id="short_code" _rename_from="vat" _delta="must_exist"/>
                  </fields>
                </class>
                """);

        assertThatThrownBy(() -> load(extension))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("extension1.xml, line 6")
                .hasMessageContaining("cannot be renamed from \"vat\"");
    }

    @Test
    void mustExistInsideANewElementFails() {
        String first = """
                <?xml version="1.0" encoding="UTF-8"?>
                <itop_design>
                  <classes>
                    <class id="Organization" _delta="must_exist"/>
                  </classes>
                </itop_design>
                """;

        assertThatThrownBy(() -> new ModelLoader().addSource(source("first.xml", first)).load())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("first.xml, line 4")
                .hasMessageContaining("cannot be changed because no earlier file defines it");
    }

    @Test
    void unknownDeltaValueFails() {
        String extension = design("""
                <class id="Organization" _delta="replace">
                </class>
                """);

        assertThatThrownBy(() -> load(extension))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("extension1.xml, line 4")
                .hasMessageContaining("unknown _delta value \"replace\"");
    }

    @Test
    void filesApplyInOrder() {
        String addVat = design("""
                <class id="Organization" _delta="must_exist">
                  <fields><field id="vat" xsi:type="AttributeString" _delta="define"><sql>vat</sql></field></fields>
                </class>
                """);
        String deleteVat = design("""
                <class id="Organization" _delta="must_exist">
                  <fields><field id="vat" _delta="delete"/></fields>
                </class>
                """);

        assertThat(load(addVat, deleteVat).model().get("Organization").hasAttribute("vat")).isFalse();
        assertThatThrownBy(() -> load(deleteVat, addVat)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("extension1.xml");
    }
}
