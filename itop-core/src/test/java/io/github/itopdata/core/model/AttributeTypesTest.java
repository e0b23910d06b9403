package io.github.itopdata.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every attribute type the loader supports, read from one class. */
class AttributeTypesTest {

    private static final String XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <itop_design xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="3.0">
              <classes>
                <class id="Everything" _delta="define">
                  <parent>cmdbAbstractObject</parent>
                  <properties>
                    <db_table>everything</db_table>
                    <db_key_field>everything_id</db_key_field>
                  </properties>
                  <fields>
                    <field id="a_string" xsi:type="AttributeString"><sql>s</sql><validation_pattern>^[A-Z]+$</validation_pattern></field>
                    <field id="a_text" xsi:type="AttributeText"><sql>t</sql></field>
                    <field id="a_long_text" xsi:type="AttributeLongText"><sql>lt</sql></field>
                    <field id="a_html" xsi:type="AttributeHTML"><sql>h</sql></field>
                    <field id="an_integer" xsi:type="AttributeInteger"><sql>i</sql><default_value>7</default_value><is_null_allowed>false</is_null_allowed></field>
                    <field id="a_decimal" xsi:type="AttributeDecimal"><sql>d</sql><digits>12</digits><decimals>2</decimals></field>
                    <field id="a_percentage" xsi:type="AttributePercentage"><sql>p</sql></field>
                    <field id="a_duration" xsi:type="AttributeDuration"><sql>du</sql></field>
                    <field id="an_enum" xsi:type="AttributeEnum"><values><value>low</value><value>high</value></values><sql>e</sql></field>
                    <field id="a_boolean" xsi:type="AttributeBoolean"><sql>b</sql><default_value>true</default_value></field>
                    <field id="a_date" xsi:type="AttributeDate"><sql>da</sql></field>
                    <field id="a_date_time" xsi:type="AttributeDateTime"><sql>dt</sql></field>
                    <field id="an_email" xsi:type="AttributeEmailAddress"><sql>em</sql></field>
                    <field id="a_url" xsi:type="AttributeURL"><sql>u</sql></field>
                    <field id="a_phone" xsi:type="AttributePhoneNumber"><sql>ph</sql></field>
                    <field id="an_ip" xsi:type="AttributeIPAddress"><sql>ip</sql></field>
                    <field id="a_password" xsi:type="AttributePassword"><sql>pw</sql></field>
                    <field id="a_one_way_password" xsi:type="AttributeOneWayPassword"><sql>owp</sql></field>
                    <field id="a_case_log" xsi:type="AttributeCaseLog"><sql>cl</sql></field>
                    <field id="an_enum_set" xsi:type="AttributeEnumSet"><values><value id="x"><code>x</code></value><value id="y"><code>y</code></value></values><sql>es</sql></field>
                    <field id="a_tag_set" xsi:type="AttributeTagSet"><sql>ts</sql></field>
                    <field id="a_blob" xsi:type="AttributeBlob"><sql>bl</sql></field>
                    <field id="an_image" xsi:type="AttributeImage"><sql>im</sql></field>
                    <field id="parent_id" xsi:type="AttributeHierarchicalKey"><sql>parent_id</sql><on_target_delete>DEL_AUTO</on_target_delete></field>
                    <field id="parent_string" xsi:type="AttributeExternalField"><extkey_attcode>parent_id</extkey_attcode><target_attcode>a_string</target_attcode></field>
                    <field id="children" xsi:type="AttributeLinkedSet"><linked_class>Everything</linked_class><ext_key_to_me>parent_id</ext_key_to_me></field>
                  </fields>
                </class>
              </classes>
            </itop_design>
            """;

    private final ModelClass everything = new ModelLoader()
            .addSource(ModelSource.of("everything.xml", XML.getBytes(StandardCharsets.UTF_8)))
            .load().model().get("Everything");

    private AttributeDef attribute(String code) {
        return everything.attribute(code).orElseThrow();
    }

    @Test
    void typeOfEachField() {
        Map<String, AttributeType> expected = Map.ofEntries(
                Map.entry("a_string", AttributeType.STRING), Map.entry("a_text", AttributeType.TEXT),
                Map.entry("a_long_text", AttributeType.LONG_TEXT), Map.entry("a_html", AttributeType.HTML),
                Map.entry("an_integer", AttributeType.INTEGER), Map.entry("a_decimal", AttributeType.DECIMAL),
                Map.entry("a_percentage", AttributeType.PERCENTAGE), Map.entry("a_duration", AttributeType.DURATION),
                Map.entry("an_enum", AttributeType.ENUM), Map.entry("a_boolean", AttributeType.BOOLEAN),
                Map.entry("a_date", AttributeType.DATE), Map.entry("a_date_time", AttributeType.DATE_TIME),
                Map.entry("an_email", AttributeType.EMAIL), Map.entry("a_url", AttributeType.URL),
                Map.entry("a_phone", AttributeType.PHONE), Map.entry("an_ip", AttributeType.IP_ADDRESS),
                Map.entry("a_password", AttributeType.PASSWORD),
                Map.entry("a_one_way_password", AttributeType.ONE_WAY_PASSWORD),
                Map.entry("a_case_log", AttributeType.CASE_LOG), Map.entry("an_enum_set", AttributeType.ENUM_SET),
                Map.entry("a_tag_set", AttributeType.TAG_SET), Map.entry("a_blob", AttributeType.BLOB),
                Map.entry("an_image", AttributeType.IMAGE), Map.entry("parent_id", AttributeType.HIERARCHICAL_KEY),
                Map.entry("parent_string", AttributeType.EXTERNAL_FIELD),
                Map.entry("children", AttributeType.LINKED_SET));

        expected.forEach((code, type) -> assertThat(attribute(code).type()).as(code).isEqualTo(type));
    }

    @Test
    void maximumLengthsByType() {
        assertThat(attribute("a_string").maxLength()).isEqualTo(255);
        assertThat(attribute("a_text").maxLength()).isEqualTo(65_535);
        assertThat(attribute("a_html").maxLength()).isEqualTo(65_535);
        assertThat(attribute("a_long_text").maxLength()).isEqualTo(67_107_840);
        assertThat(attribute("a_url").maxLength()).isEqualTo(2_048);
        assertThat(attribute("a_password").maxLength()).isEqualTo(64);
        assertThat(attribute("an_integer").maxLength()).isZero();
    }

    @Test
    void typeSpecificProperties() {
        assertThat(attribute("a_string").validationPattern()).contains("^[A-Z]+$");
        assertThat(attribute("a_decimal").digits()).isEqualTo(12);
        assertThat(attribute("a_decimal").decimals()).isEqualTo(2);
        assertThat(attribute("an_integer").defaultValue()).contains("7");
        assertThat(attribute("an_integer").isNullable()).isFalse();
        assertThat(attribute("a_boolean").defaultValue()).contains("true");
        assertThat(attribute("a_text").isNullable()).isTrue();
        assertThat(attribute("an_enum").enumValues()).extracting(EnumValue::code).containsExactly("low", "high");
        assertThat(attribute("an_enum_set").enumValues()).extracting(EnumValue::code).containsExactly("x", "y");
        assertThat(attribute("parent_id").onTargetDelete()).contains(OnTargetDelete.DEL_AUTO);
        assertThat(attribute("parent_string").targetClass()).contains("Everything");
        assertThat(attribute("a_string").sqlColumn()).contains("s");
        assertThat(attribute("children").sqlColumn()).isEmpty();
        assertThat(everything.dbTable()).contains("everything");
        assertThat(everything.dbKeyField()).isEqualTo("everything_id");
    }

    @Test
    void computedAttributesOfASingleClass() {
        assertThat(everything.hasAttribute("friendlyname")).isTrue();
        assertThat(everything.hasAttribute("parent_id_friendlyname")).isTrue();
        assertThat(everything.hasAttribute("finalclass")).isFalse();
        assertThat(everything.hasAttribute("obsolescence_flag")).isFalse();
        assertThat(everything.hasAttribute("parent_id_finalclass_recall")).isFalse();
    }
}
