package io.github.itopdata.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files the loader cannot use: each error names the file, the line and the problem. */
class ModelLoaderErrorsTest {

    @TempDir
    Path directory;

    private Path write(String name, String content) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void malformedXmlNamesFileAndLine() throws IOException {
        Path file = write("broken.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <itop_design version="3.0">
                  <classes>
                    <class id="Organization" _delta="define">
                      <parent>cmdbAbstractObject</parent>
                    </clas>
                  </classes>
                </itop_design>
                """);

        assertThatThrownBy(() -> new ModelLoader().addFile(file).load())
                .isInstanceOfSatisfying(ModelLoadException.class, e -> {
                    assertThat(e.file()).isEqualTo(file.toString());
                    assertThat(e.line()).isEqualTo(6);
                })
                .hasMessageStartingWith(file + ", line 6: Malformed XML: ")
                .hasMessageContaining("class");
    }

    @Test
    void truncatedFileNamesFile() throws IOException {
        Path file = write("truncated.xml", "<?xml version=\"1.0\"?>\n<itop_design>\n  <classes>\n");

        assertThatThrownBy(() -> new ModelLoader().addFile(file).load())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining("Malformed XML");
    }

    @Test
    void missingFileNamesFile() {
        Path file = directory.resolve("absent.xml");

        assertThatThrownBy(() -> new ModelLoader().addFile(file).load())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith(file + ": Cannot read the file");
    }

    @Test
    void wrongRootElementIsRejected() throws IOException {
        Path file = write("other.xml", "<?xml version=\"1.0\"?>\n<project>\n</project>\n");

        assertThatThrownBy(() -> new ModelLoader().addFile(file).load())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(file + ", line 2")
                .hasMessageContaining("starts with <itop_design>");
    }

    @Test
    void externalEntitiesAreNotRead() throws IOException {
        Path secret = write("secret.txt", "secret");
        Path file = write("entity.xml", "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE itop_design [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<itop_design><classes><class id=\"A\"><parent>cmdbAbstractObject</parent>"
                + "<properties><category>&x;</category></properties></class></classes></itop_design>\n");

        assertThatThrownBy(() -> new ModelLoader().addFile(file).load())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void invalidBooleanNamesTheElement() throws IOException {
        Path file = write("boolean.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <itop_design xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                  <classes>
                    <class id="A" _delta="define">
                      <parent>cmdbAbstractObject</parent>
                      <properties>
                        <abstract>maybe</abstract>
                      </properties>
                    </class>
                  </classes>
                </itop_design>
                """);

        assertThatThrownBy(() -> new ModelLoader().addFile(file).load())
                .isInstanceOf(ModelLoadException.class)
                .hasMessage(file + ", line 7: <abstract> is \"maybe\", which is not a boolean; write true or false");
    }

    @Test
    void externalKeyWithoutTargetIsRejected() throws IOException {
        Path file = write("key.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <itop_design xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                  <classes>
                    <class id="A" _delta="define">
                      <parent>cmdbAbstractObject</parent>
                      <fields>
                        <field id="org_id" xsi:type="AttributeExternalKey"><sql>org_id</sql></field>
                      </fields>
                    </class>
                  </classes>
                </itop_design>
                """);

        assertThatThrownBy(() -> new ModelLoader().addFile(file).load())
                .isInstanceOf(ModelLoadException.class)
                .hasMessage(file + ", line 7: Attribute A.org_id (AttributeExternalKey) has no <target_class>; add it");
    }

    @Test
    void parentLoopIsRejected() throws IOException {
        Path file = write("loop.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <itop_design>
                  <classes>
                    <class id="A" _delta="define"><parent>B</parent></class>
                    <class id="B" _delta="define"><parent>A</parent></class>
                  </classes>
                </itop_design>
                """);

        assertThatThrownBy(() -> new ModelLoader().addFile(file).load())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("is its own ancestor");
    }

    @Test
    void noModelFileIsRejected() {
        assertThatThrownBy(() -> new ModelLoader().load())
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("No model file was given");
    }
}
