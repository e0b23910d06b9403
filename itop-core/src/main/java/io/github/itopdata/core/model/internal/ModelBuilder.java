package io.github.itopdata.core.model.internal;

import io.github.itopdata.core.model.LoadedModel;
import io.github.itopdata.core.model.Model;
import io.github.itopdata.core.model.ModelLoadException;
import io.github.itopdata.core.model.ModelSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a model in three steps: merge the design files into one tree following their
 * {@code _delta} operations, read the classes and labels of that tree, then assemble the
 * immutable model.
 */
public final class ModelBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(ModelBuilder.class);
    private static final String ROOT = "itop_design";

    private final List<ModelSource> modelFiles;
    private final List<ModelSource> dictionaryFiles;
    private final WarningCollector warnings = new WarningCollector();

    /** Prepares a build of {@code modelFiles}, in order, labelled by {@code dictionaryFiles}. */
    public ModelBuilder(List<ModelSource> modelFiles, List<ModelSource> dictionaryFiles) {
        this.modelFiles = List.copyOf(modelFiles);
        this.dictionaryFiles = List.copyOf(dictionaryFiles);
    }

    /**
     * Reads the files and builds the model.
     *
     * @throws ModelLoadException if a file is malformed, a {@code _delta} operation fails or no class is left
     */
    public LoadedModel build() {
        long start = System.nanoTime();
        XmlNode design = mergeFiles();

        Dictionary dictionary = new Dictionary();
        design.child("dictionaries").ifPresent(dictionary::readXml);
        for (ModelSource source : dictionaryFiles) {
            dictionary.readPhp(source);
        }

        ClassReader reader = new ClassReader(warnings);
        List<ClassSpec> specs = new ArrayList<>();
        for (XmlNode section : design.children()) {
            switch (section.name()) {
                case "classes" -> readClasses(section, reader, specs);
                case "dictionaries" -> {
                    // Read above, before the classes, since labels are attached while assembling.
                }
                default -> skipSection(section, reader);
            }
        }

        Model model = new ModelAssembler(specs, dictionary, warnings).assemble();
        if (model.classes().isEmpty()) {
            throw new ModelLoadException(modelFiles.get(modelFiles.size() - 1).name(), 0,
                    "No class was loaded from " + modelFiles.size() + " file(s); a model needs at least one class");
        }
        LoadedModel loaded = new LoadedModel(model, warnings.warnings());
        LOG.debug("Loaded {} classes from {} model file(s) with {} warning(s) in {} ms", model.classes().size(),
                modelFiles.size(), loaded.warnings().size(), (System.nanoTime() - start) / 1_000_000);
        return loaded;
    }

    private XmlNode mergeFiles() {
        XmlNode design = new XmlNode(ROOT, Map.of(), modelFiles.get(0).name(), 0);
        for (ModelSource source : modelFiles) {
            warnings.registerFile(source.name());
            XmlNode root = XmlTreeReader.read(source);
            if (!root.name().equals(ROOT)) {
                throw new ModelLoadException(source.name(), root.line(), "The root element is <" + root.name()
                        + ">; an iTop model file starts with <" + ROOT + ">");
            }
            DeltaMerger.apply(design, root);
        }
        return design;
    }

    private void readClasses(XmlNode classes, ClassReader reader, List<ClassSpec> specs) {
        for (XmlNode node : classes.children()) {
            if (node.name().equals("class")) {
                reader.read(node).ifPresent(specs::add);
            } else {
                reader.skipElement(node, "classes/" + node.name(), "only <class> elements declare classes", null);
            }
        }
    }

    /** Reports a top-level section the loader does not read, per element it holds. */
    private void skipSection(XmlNode section, ClassReader reader) {
        String reason = sectionReason(section.name());
        if (section.children().isEmpty()) {
            reader.skipElement(section, section.name(), reason, null);
            return;
        }
        for (XmlNode element : section.children()) {
            if (element.id() == null && !element.children().isEmpty()) {
                // A list such as <meta><classes>: count what it lists, so that the count means something.
                for (XmlNode item : element.children()) {
                    reader.skipElement(item, section.name() + "/" + element.name() + "/" + item.name(), reason,
                            item.id());
                }
            } else {
                reader.skipElement(element, section.name() + "/" + element.name(), reason, element.id());
            }
        }
    }

    private static String sectionReason(String section) {
        return switch (section) {
            case "menus", "portals", "branding", "themes" -> "this section only concerns iTop's user interface";
            case "meta" -> "meta describes classes written in PHP; only classes under <classes> are loaded";
            case "user_rights" -> "profiles and groups come from the product's own user classes";
            case "events" -> "events are PHP hooks, which cannot run in this engine";
            default -> "this section is not supported by the model loader";
        };
    }
}
