package io.github.itopdata.core.query.internal;

import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.ModelClass;
import io.github.itopdata.core.query.OqlQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One SELECT branch after the model check: its aliases with their classes, its joins with their
 * direction, and the enclosing branch for a sub-query.
 */
public final class CheckedSelect {

    /** A join after the check. {@code outer} is set for outgoing joins through a nullable key. */
    public record ResolvedJoin(OqlQuery.Join syntax, String newAlias, String leftAlias, String rightAlias,
                               AttributeDef key, boolean incoming, boolean outer) {
    }

    private final OqlQuery.Select syntax;
    private final CheckedSelect enclosing;
    private final Map<String, ModelClass> aliases = new LinkedHashMap<>();
    private final List<ResolvedJoin> joins = new ArrayList<>();
    private final List<String> selected = new ArrayList<>();

    CheckedSelect(OqlQuery.Select syntax, CheckedSelect enclosing) {
        this.syntax = syntax;
        this.enclosing = enclosing;
    }

    public OqlQuery.Select syntax() {
        return syntax;
    }

    /** Returns the branch this sub-query is nested in, or null at the top level. */
    public CheckedSelect enclosing() {
        return enclosing;
    }

    /** Returns the aliases in declaration order (FROM first, then each JOIN). */
    public Map<String, ModelClass> aliases() {
        return aliases;
    }

    public List<ResolvedJoin> joins() {
        return joins;
    }

    /** Returns the selected aliases, the main one first. */
    public List<String> selected() {
        return selected;
    }

    public String fromAlias() {
        return syntax.from().aliasName();
    }
}
