package io.github.itopdata.core.query;

import io.github.itopdata.core.model.Model;
import io.github.itopdata.core.query.internal.Checker;
import io.github.itopdata.core.query.internal.DeepStack;
import io.github.itopdata.core.query.internal.FilterCodes;
import io.github.itopdata.core.query.internal.Parser;
import io.github.itopdata.core.query.internal.SqlTranslator;
import io.github.itopdata.core.store.SchemaMapping;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses OQL and checks it against one model, keeping the last {@link #CACHE_SIZE} checked
 * queries by text. Thread-safe.
 */
public final class OqlCompiler {

    /** Number of checked queries kept, least recently used dropped first. */
    public static final int CACHE_SIZE = 256;

    private final Model model;
    private final FilterCodes codes;
    private final Map<String, CheckedQuery> cache = Collections.synchronizedMap(
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, CheckedQuery> eldest) {
                    return size() > CACHE_SIZE;
                }
            });

    public OqlCompiler(Model model) {
        this.model = model;
        this.codes = new FilterCodes(model);
    }

    public Model model() {
        return model;
    }

    /** Returns the filter codes of the model's classes, shared with export field lists. */
    public FilterCodes filterCodes() {
        return codes;
    }

    /**
     * Parses and checks {@code query}.
     *
     * @throws OqlException when the text is not OQL or does not fit the model
     */
    public CheckedQuery compile(String query) {
        CheckedQuery cached = cache.get(query);
        if (cached != null) {
            return cached;
        }
        CheckedQuery checked = DeepStack.run(query, () -> {
            OqlQuery syntax = Parser.parse(query);
            return new CheckedQuery(syntax, Checker.check(codes, syntax));
        });
        cache.put(query, checked);
        return checked;
    }

    /**
     * Translates a checked query into one parameterized SQL statement on the store's tables.
     *
     * @param mapping      the store's schema mapping of this compiler's model
     * @param arguments    parameter values by name without colon, built-in ones included
     * @param hideObsolete true to leave out obsolete objects of every alias (v2 exports)
     * @param fields       the values to read for each row, after the ids and final classes
     * @throws OqlException of kind PARAMETER when a parameter the query uses has no value
     */
    public SqlQuery toSql(SchemaMapping mapping, CheckedQuery query, Map<String, String> arguments, boolean hideObsolete,
                          List<FieldPath> fields) {
        return SqlTranslator.translate(mapping, this, query, arguments, hideObsolete, fields);
    }

    /**
     * Translates an OQL condition on one class into a boolean SQL expression on the class's
     * table under {@code alias}, such as the filter of a uniqueness rule.
     *
     * @throws OqlException when the condition is not valid OQL for the class or uses a parameter
     */
    public SqlQuery toSqlCondition(SchemaMapping mapping, String className, String where, String alias) {
        return SqlTranslator.condition(mapping, this, className, where, alias);
    }
}
