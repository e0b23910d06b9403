package io.github.itopdata.paramfile;

import java.util.List;

/**
 * The files loaded from one {@code --param_file} list, in list order, and all their warnings
 * including keys that a later file redefines.
 */
public record ParamFiles(List<ParsedParamFile> files, List<ParamFileWarning> warnings) {

    /** No file: what an absent or empty {@code --param_file} gives. */
    public static final ParamFiles NONE = new ParamFiles(List.of(), List.of());

    public ParamFiles {
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }

    /** Returns every entry of every file, in load order, so that a later definition wins when merged. */
    public List<Parameter> entries() {
        return files.stream().flatMap(file -> file.entries().stream()).toList();
    }
}
