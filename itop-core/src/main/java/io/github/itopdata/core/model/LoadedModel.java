package io.github.itopdata.core.model;

import java.util.List;
import java.util.Objects;

/**
 * What the loader produced from a list of model files.
 *
 * @param model    the classes loaded
 * @param warnings what the files contained and the loader skipped, one entry per kind of content
 *                 and per file, in file order
 */
public record LoadedModel(Model model, List<ModelWarning> warnings) {

    /** Copies the warning list and checks that the model is present. */
    public LoadedModel {
        Objects.requireNonNull(model, "model");
        warnings = List.copyOf(warnings);
    }
}
