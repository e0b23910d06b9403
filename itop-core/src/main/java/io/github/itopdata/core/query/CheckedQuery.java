package io.github.itopdata.core.query;

import io.github.itopdata.core.model.ModelClass;
import io.github.itopdata.core.query.internal.Checker;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An OQL statement that parsed and fits the model. Immutable; obtained from
 * {@link OqlCompiler#compile(String)} and shareable between threads.
 */
public final class CheckedQuery {

    private final OqlQuery syntax;
    private final Checker.Result result;

    CheckedQuery(OqlQuery syntax, Checker.Result result) {
        this.syntax = syntax;
        this.result = result;
    }

    public String text() {
        return syntax.text();
    }

    public OqlQuery syntax() {
        return syntax;
    }

    /** Returns the check's findings, for the SQL translation. */
    public Checker.Result checked() {
        return result;
    }

    /** Returns the selected aliases, the main one first (the first branch's names for a UNION). */
    public List<String> selectedAliases() {
        return result.union().resultAliases();
    }

    /** Returns the class of each selected alias; for a UNION, the lowest common ancestor per position. */
    public List<ModelClass> selectedClasses() {
        return result.union().resultClasses();
    }

    /** Returns the first selected alias, which names the result and owns unqualified export fields. */
    public String mainAlias() {
        return selectedAliases().get(0);
    }

    /** Returns the class of {@link #mainAlias()}. */
    public ModelClass mainClass() {
        return selectedClasses().get(0);
    }

    /** Returns every parameter the query uses, as written without the colon ({@code org}, {@code current_user->login}). */
    public Set<String> parameters() {
        return result.parameters();
    }

    /** Returns the parameters that need a value from the caller, that is all but the built-in ones. */
    public List<String> requiredArguments() {
        List<String> required = new ArrayList<>();
        for (String parameter : parameters()) {
            if (!BuiltInParameters.isBuiltIn(parameter)) {
                required.add(parameter);
            }
        }
        return required;
    }
}
