package io.github.itopdata.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Loads iTop's own design files, in the order iTop's setup applies them. */
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

    static List<Path> modelFiles() {
        return List.of(
                datamodel.resolve("core/datamodel.core.xml"),
                datamodel.resolve("application/datamodel.application.xml"),
                datamodel.resolve("datamodels/2.x/itop-structure/datamodel.itop-structure.xml"),
                datamodel.resolve("datamodels/2.x/itop-config-mgmt/datamodel.itop-config-mgmt.xml"),
                datamodel.resolve("datamodels/2.x/itop-datacenter-mgmt/datamodel.itop-datacenter-mgmt.xml"),
                datamodel.resolve("datamodels/2.x/itop-virtualization-mgmt/datamodel.itop-virtualization-mgmt.xml"));
    }

    @Test
    void printsSummary() {
        Model model = loaded.model();
        int attributes = model.classes().stream().mapToInt(c -> c.ownAttributes().size()).sum();
        System.out.println("classes=" + model.classes().size() + " attributes=" + attributes);
        loaded.warnings().forEach(System.out::println);
        assertThat(model.classes()).isNotEmpty();
    }
}
