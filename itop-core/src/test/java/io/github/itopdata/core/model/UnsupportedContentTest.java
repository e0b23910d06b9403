package io.github.itopdata.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Content the loader skips gives exactly one warning per kind of content and per file, with a count. */
class UnsupportedContentTest {

    private static final String FIRST = """
            <?xml version="1.0" encoding="UTF-8"?>
            <itop_design xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="3.0">
              <classes>
                <class id="Organization" _delta="define">
                  <parent>cmdbAbstractObject</parent>
                  <properties>
                    <style><icon>org.svg</icon></style>
                  </properties>
                  <fields>
                    <field id="name" xsi:type="AttributeString"><sql>name</sql><tracking_level>all</tracking_level></field>
                    <field id="logo" xsi:type="AttributeDashboard"><definition>x</definition></field>
                    <field id="overview" xsi:type="AttributeDashboard"><definition>y</definition></field>
                    <field id="status" xsi:type="AttributeEnum">
                      <values>
                        <value id="active"><code>active</code><style><main_color>green</main_color></style></value>
                      </values>
                      <sql>status</sql>
                    </field>
                  </fields>
                  <lifecycle><attribute>status</attribute></lifecycle>
                  <methods/>
                  <presentation><details><items/></details></presentation>
                </class>
                <class id="Location" _delta="define">
                  <parent>cmdbAbstractObject</parent>
                  <properties>
                    <style><icon>location.svg</icon></style>
                  </properties>
                  <fields>
                    <field id="name" xsi:type="AttributeString"><sql>name</sql><tracking_level>all</tracking_level></field>
                    <field id="map" xsi:type="AttributeDashboard"><definition>z</definition></field>
                  </fields>
                  <lifecycle><attribute>status</attribute></lifecycle>
                  <presentation><details><items/></details></presentation>
                </class>
              </classes>
              <menus>
                <menu id="A" xsi:type="MenuGroup"><rank>1</rank></menu>
                <menu id="B" xsi:type="MenuGroup"><rank>2</rank></menu>
              </menus>
            </itop_design>
            """;

    private static final String SECOND = """
            <?xml version="1.0" encoding="UTF-8"?>
            <itop_design xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="3.0">
              <classes>
                <class id="Organization" _delta="must_exist">
                  <presentation><list><items/></list></presentation>
                  <fields>
                    <field id="picture" xsi:type="AttributeDashboard" _delta="define"><definition>p</definition></field>
                  </fields>
                </class>
              </classes>
              <menus>
                <menu id="C" xsi:type="MenuGroup" _delta="define"><rank>3</rank></menu>
              </menus>
            </itop_design>
            """;

    private static LoadedModel load() {
        return new ModelLoader()
                .addSource(ModelSource.of("first.xml", FIRST.getBytes(StandardCharsets.UTF_8)))
                .addSource(ModelSource.of("second.xml", SECOND.getBytes(StandardCharsets.UTF_8)))
                .load();
    }

    private static List<ModelWarning> warnings(LoadedModel loaded, String file, String subject) {
        return loaded.warnings().stream().filter(w -> w.file().equals(file) && w.subject().equals(subject)).toList();
    }

    @Test
    void oneWarningPerTypeAndFileWithCount() {
        LoadedModel loaded = load();

        List<ModelWarning> dashboards = warnings(loaded, "first.xml", "field type AttributeDashboard");
        assertThat(dashboards).hasSize(1);
        assertThat(dashboards.get(0).count()).isEqualTo(3);
        assertThat(dashboards.get(0).line()).isEqualTo(11);
        assertThat(dashboards.get(0).message())
                .startsWith("first.xml: skipped field type AttributeDashboard (3 occurrences, first at line 11)")
                .contains("Organization.logo", "Organization.overview", "Location.map");

        List<ModelWarning> secondDashboards = warnings(loaded, "second.xml", "field type AttributeDashboard");
        assertThat(secondDashboards).hasSize(1);
        assertThat(secondDashboards.get(0).count()).isEqualTo(1);
    }

    @Test
    void lifecycleGivesOneWarningPerFile() {
        LoadedModel loaded = load();

        List<ModelWarning> lifecycles = warnings(loaded, "first.xml", "class/lifecycle");
        assertThat(lifecycles).hasSize(1);
        assertThat(lifecycles.get(0).count()).isEqualTo(2);
        assertThat(lifecycles.get(0).message()).contains("lifecycles", "not implemented");
    }

    @Test
    void everyKindOfSkippedContentIsReported() {
        LoadedModel loaded = load();

        assertThat(loaded.warnings()).extracting(w -> w.file() + " | " + w.subject() + " | " + w.count())
                .containsExactlyInAnyOrder(
                        "first.xml | class/properties/style | 2",
                        "first.xml | field/tracking_level | 2",
                        "first.xml | field type AttributeDashboard | 3",
                        "first.xml | field/values/value/style | 1",
                        "first.xml | class/lifecycle | 2",
                        "first.xml | class/presentation | 2",
                        "first.xml | menus/menu | 2",
                        "second.xml | class/presentation | 1",
                        "second.xml | field type AttributeDashboard | 1",
                        "second.xml | menus/menu | 1");
    }

    @Test
    void skippedContentLeavesTheRestLoaded() {
        Model model = load().model();

        assertThat(model.get("Organization").ownAttributes()).extracting(AttributeDef::code)
                .startsWith("name", "status");
        assertThat(model.get("Organization").attribute("status").orElseThrow().enumValues())
                .extracting(EnumValue::code).containsExactly("active");
        assertThat(model.get("Location").hasAttribute("map")).isFalse();
    }

    @Test
    void danglingReferencesSkippedWithWarning() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <itop_design xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                  <classes>
                    <class id="Server" _delta="define">
                      <parent>cmdbAbstractObject</parent>
                      <properties>
                        <reconciliation><attributes><attribute id="name"/><attribute id="rack_name"/></attributes></reconciliation>
                      </properties>
                      <fields>
                        <field id="name" xsi:type="AttributeString"><sql>name</sql></field>
                        <field id="rack_id" xsi:type="AttributeExternalKey"><sql>rack_id</sql><target_class>Rack</target_class></field>
                        <field id="rack_name" xsi:type="AttributeExternalField"><extkey_attcode>rack_id</extkey_attcode><target_attcode>name</target_attcode></field>
                        <field id="san_list" xsi:type="AttributeLinkedSetIndirect"><linked_class>lnkSan</linked_class><ext_key_to_me>a</ext_key_to_me><ext_key_to_remote>b</ext_key_to_remote></field>
                      </fields>
                    </class>
                    <class id="Blade" _delta="define">
                      <parent>Enclosure</parent>
                    </class>
                  </classes>
                </itop_design>
                """;

        LoadedModel loaded = new ModelLoader().addSource(ModelSource.of("server.xml", xml.getBytes(StandardCharsets.UTF_8))).load();

        ModelClass server = loaded.model().get("Server");
        assertThat(server.ownAttributes()).extracting(AttributeDef::code).containsExactly("name", "friendlyname");
        assertThat(server.reconciliationKeys()).containsExactly("name");
        assertThat(loaded.model().find("Blade")).isEmpty();
        assertThat(loaded.warnings()).extracting(w -> w.subject() + " | " + w.count()).containsExactlyInAnyOrder(
                "attribute referring to something not in the model | 3",
                "class whose parent is not in the model | 1",
                "reconciliation attribute not in the class | 1");
        assertThat(warnings(loaded, "server.xml", "attribute referring to something not in the model").get(0).message())
                .contains("Server.rack_id (class Rack)", "Server.san_list (class lnkSan)",
                        "Server.rack_name (external key rack_id)");
    }
}
