package io.github.itopdata.paramfile;

import java.util.List;
import java.util.Objects;

/**
 * The content of one parameters file: its entries in file order (a redefined key appears once per
 * definition, the last one winning when merged) and the warnings found while reading it.
 */
public record ParsedParamFile(String path, List<Parameter> entries, List<ParamFileWarning> warnings) {

    public ParsedParamFile {
        Objects.requireNonNull(path, "path");
        entries = List.copyOf(entries);
        warnings = List.copyOf(warnings);
    }

    /** Returns whether one of the entries defines {@code key}. */
    public boolean defines(String key) {
        return entries.stream().anyMatch(entry -> entry.name().equals(key));
    }
}
