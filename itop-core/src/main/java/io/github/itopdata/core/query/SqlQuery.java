package io.github.itopdata.core.query;

import java.util.List;

/**
 * Parameterized SQL for a checked query.
 *
 * <p>The result set has, for each selected alias in order, two columns: the object's id (null
 * when an outer join found no object) and its final class; then one column per requested
 * {@link FieldPath}, in order. Rows are ordered by the main alias's friendly name, then by ids.
 *
 * @param sql        the statement, with {@code ?} placeholders
 * @param parameters the values to bind, in placeholder order (String, Long)
 * @param aliasCount the number of selected aliases
 */
public record SqlQuery(String sql, List<Object> parameters, int aliasCount) {

    public SqlQuery {
        parameters = List.copyOf(parameters);
    }

    /** Returns the 1-based JDBC column index of the id of selected alias {@code aliasIndex}. */
    public int idColumn(int aliasIndex) {
        return 2 * aliasIndex + 1;
    }

    /** Returns the 1-based JDBC column index of the final class of selected alias {@code aliasIndex}. */
    public int finalClassColumn(int aliasIndex) {
        return 2 * aliasIndex + 2;
    }

    /** Returns the 1-based JDBC column index of requested field {@code fieldIndex}. */
    public int fieldColumn(int fieldIndex) {
        return 2 * aliasCount + fieldIndex + 1;
    }
}
