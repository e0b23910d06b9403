package io.github.itopdata.core.model;

import io.github.itopdata.core.model.internal.ModelBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads iTop design XML files ({@code itop_design}) into a {@link Model}.
 *
 * <p>Files are applied in the order they are added: each later file refines the earlier ones
 * through the {@code _delta} attribute of its elements ({@code define}, {@code redefine},
 * {@code define_if_not_exists}, {@code delete}, {@code delete_if_exists}, {@code must_exist},
 * {@code if_exists}; an element without {@code _delta} is merged into the existing one, or added
 * if there is none). Labels come from the {@code dictionaries} element of the model files and from
 * iTop dictionary files ({@code Dict::Add('EN US', ...)} PHP files) added with
 * {@link #addDictionary(ModelSource)}; anything without a label is labelled with its code.
 *
 * <p>Content the loader does not support is skipped and reported as one {@link ModelWarning} per
 * kind of content and per file. A file that cannot be used raises {@link ModelLoadException}
 * naming the file and line.
 *
 * <pre>{@code
 * LoadedModel loaded = new ModelLoader().addDefaultModel().addFile(Path.of("my-extension.xml")).load();
 * }</pre>
 *
 * <p>A loader is meant for one thread and one load.
 */
public final class ModelLoader {

    private final List<ModelSource> modelFiles = new ArrayList<>();
    private final List<ModelSource> dictionaryFiles = new ArrayList<>();

    /** Adds the bundled default model as the next model file. */
    public ModelLoader addDefaultModel() {
        modelFiles.add(DefaultModel.source());
        return this;
    }

    /** Adds a model file to apply after those already added. */
    public ModelLoader addFile(Path file) {
        return addSource(ModelSource.of(file));
    }

    /** Adds model files to apply, in list order, after those already added. */
    public ModelLoader addFiles(List<Path> files) {
        files.forEach(this::addFile);
        return this;
    }

    /** Adds a model file from any source. */
    public ModelLoader addSource(ModelSource source) {
        modelFiles.add(source);
        return this;
    }

    /**
     * Adds an iTop dictionary file (PHP, {@code Dict::Add('EN US', ...)}) whose English entries
     * give labels to classes, attributes and enum values. Later files win over earlier ones and
     * over the dictionaries of the model files.
     */
    public ModelLoader addDictionary(ModelSource source) {
        dictionaryFiles.add(source);
        return this;
    }

    /** Adds an iTop dictionary file from the file system; see {@link #addDictionary(ModelSource)}. */
    public ModelLoader addDictionary(Path file) {
        return addDictionary(ModelSource.of(file));
    }

    /**
     * Reads every added file and builds the model.
     *
     * @throws ModelLoadException if a file is unreadable or malformed, a {@code _delta} operation
     *                            cannot be applied, or no class is left
     */
    public LoadedModel load() {
        if (modelFiles.isEmpty()) {
            throw new ModelLoadException("(no model file)", 0, "No model file was given; add at least one");
        }
        return new ModelBuilder(modelFiles, dictionaryFiles).build();
    }
}
