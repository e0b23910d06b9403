package io.github.itopdata.core.model.internal;

import io.github.itopdata.core.model.LoadedModel;
import io.github.itopdata.core.model.ModelSource;
import java.util.List;

/** Builds a model from design files and dictionary files. */
public final class ModelBuilder {

    private final List<ModelSource> modelFiles;
    private final List<ModelSource> dictionaryFiles;

    /** Prepares a build of {@code modelFiles}, in order, labelled by {@code dictionaryFiles}. */
    public ModelBuilder(List<ModelSource> modelFiles, List<ModelSource> dictionaryFiles) {
        this.modelFiles = List.copyOf(modelFiles);
        this.dictionaryFiles = List.copyOf(dictionaryFiles);
    }

    /** Reads the files and builds the model. */
    public LoadedModel build() {
        // TODO: the loader is being written; this stub keeps the public API compiling.
        throw new UnsupportedOperationException("Model loading is not implemented yet");
    }
}
