package io.github.itopdata.core.query.internal;

import io.github.itopdata.core.model.ModelClass;
import java.util.List;

/**
 * A statement after the model check.
 *
 * @param branches       the checked SELECT branches
 * @param resultAliases  the aliases of the first branch, per selected position
 * @param resultClasses  per selected position, the lowest common ancestor of the branches' classes
 */
public record CheckedUnion(List<CheckedSelect> branches, List<String> resultAliases, List<ModelClass> resultClasses) {
}
