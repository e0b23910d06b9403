package io.github.itopdata.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labels from dictionary entries in model files and from iTop's PHP dictionary files. */
class LabelsTest {

    @TempDir
    Path directory;

    private static final String EXTENSION = """
            <?xml version="1.0" encoding="UTF-8"?>
            <itop_design xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" version="3.0">
              <classes>
                <class id="Organization" _delta="must_exist">
                  <fields>
                    <field id="vat" xsi:type="AttributeString" _delta="define"><sql>vat</sql></field>
                  </fields>
                </class>
              </classes>
              <dictionaries>
                <dictionary id="EN US" _delta="must_exist">
                  <entries>
                    <entry id="Class:Organization/Attribute:vat" _delta="define">VAT number</entry>
                    <entry id="Class:Organization/Attribute:name" _delta="redefine">Company</entry>
                  </entries>
                </dictionary>
                <dictionary id="FR FR" _delta="define">
                  <entries>
                    <entry id="Class:Organization/Attribute:vat">Numéro de TVA</entry>
                  </entries>
                </dictionary>
              </dictionaries>
            </itop_design>
            """;

    @Test
    void userFileChangesDefaultLabels() {
        LoadedModel loaded = new ModelLoader().addDefaultModel()
                .addSource(ModelSource.of("extension.xml", EXTENSION.getBytes(StandardCharsets.UTF_8)))
                .load();

        ModelClass organization = loaded.model().get("Organization");
        assertThat(organization.attribute("vat").orElseThrow().label()).isEqualTo("VAT number");
        assertThat(organization.attribute("name").orElseThrow().label()).isEqualTo("Company");
        assertThat(organization.attribute("code").orElseThrow().label()).isEqualTo("Code");
        assertThat(loaded.warnings()).isEmpty();
    }

    @Test
    void phpDictionaryGivesEnglishLabels() throws IOException {
        Path dictionary = directory.resolve("en.dict.test.php");
        Files.writeString(dictionary, """
                <?php
                // Labels for a test.
                Dict::Add('EN US', 'English', 'English', array(
                	'Class:Organization' => 'Company',
                	'Class:Organization/Attribute:code' => 'Company\\'s code',
                	'Class:Organization/Attribute:status/Value:active' => "Running",
                ));
                Dict::Add('FR FR', 'French', 'Français', array(
                	'Class:Organization' => 'Société',
                ));
                """, StandardCharsets.UTF_8);

        Model model = new ModelLoader().addDefaultModel().addDictionary(dictionary).load().model();

        ModelClass organization = model.get("Organization");
        assertThat(organization.label()).isEqualTo("Company");
        assertThat(organization.attribute("code").orElseThrow().label()).isEqualTo("Company's code");
        assertThat(organization.attribute("status").orElseThrow().enumValue("active").orElseThrow().label())
                .isEqualTo("Running");
        assertThat(organization.attribute("name").orElseThrow().label()).isEqualTo("Name");
    }

    @Test
    void fileWithoutDictionaryCallIsRejected() throws IOException {
        Path notADictionary = directory.resolve("notes.php");
        Files.writeString(notADictionary, "<?php echo 'hello';\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new ModelLoader().addDefaultModel().addDictionary(notADictionary).load())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(notADictionary.toString())
                .hasMessageContaining("No Dict::Add call found");
    }
}
