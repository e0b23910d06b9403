package io.github.itopdata.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The DEL_MOVEUP option that iTop allows on hierarchical keys. */
class MoveUpOptionTest {

    private static final String XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <itop_design xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="3.0">
              <classes>
                <class id="Zone" _delta="define">
                  <parent>cmdbAbstractObject</parent>
                  <properties><db_table>zone</db_table></properties>
                  <fields>
                    <field id="name" xsi:type="AttributeString"><sql>name</sql></field>
                    <field id="parent_id" xsi:type="AttributeHierarchicalKey"><sql>parent_id</sql><is_null_allowed>true</is_null_allowed><on_target_delete>DEL_MOVEUP</on_target_delete></field>
                  </fields>
                </class>
              </classes>
            </itop_design>
            """;

    @Test
    void hierarchicalKeyReadsMoveUpOption() {
        ModelClass zone = new ModelLoader()
                .addSource(ModelSource.of("zone.xml", XML.getBytes(StandardCharsets.UTF_8)))
                .load().model().get("Zone");

        assertThat(zone.attribute("parent_id").orElseThrow().onTargetDelete()).contains(OnTargetDelete.DEL_MOVEUP);
    }
}
