package io.github.itopdata.core.imports.internal;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One data row while it is processed: its cells, conversions, lookups and outcome. */
final class RowWork {

    final long line;
    final List<String> cells;

    /** Date cells that failed {@code date_format}, by attribute code, as report text. */
    final Map<String, String> dateErrors = new HashMap<>();
    /** Converted scalar cells by attribute code; sized for a few dozen columns without rehashing. */
    final Map<String, CellConversion> values = new HashMap<>(64);
    /** External-key search specs by key code. */
    final Map<String, KeySearch> searches = new LinkedHashMap<>();
    /** External-key outcomes by key code, recomputed in each round the row takes part in. */
    final Map<String, KeyOutcome> keys = new LinkedHashMap<>();

    /** Reconciliation search values (text for SQL), null when the row cannot be searched. */
    String[] searchValues;
    /** Message for the {@code id} cell when the id search value is not an integer. */
    String idError;
    /** True when the row creates without searching (empty {@code id} key). */
    boolean createWithoutSearch;
    String foldedKey;
    int matchCount;
    long matchedId;
    String matchedClass;
    Map<String, Object> current;
    /** Attributes of the matched object that a data source locks, with the source's name; null if none. */
    Map<String, String> lockedBy;

    /** Links stored for the matched object, by link-set code. */
    final Map<String, List<LinkSets.StoredLink>> currentLinks = new HashMap<>();
    /** Hashes of the row's one-way password cells, by attribute code, so that each is hashed once. */
    final Map<String, String> passwordHashes = new HashMap<>();
    /** Id of the object the row created, once written. */
    long writtenId;

    RowOutcome outcome;

    RowWork(long line, List<String> cells) {
        this.line = line;
        this.cells = cells;
    }

    /** Returns the cell text, null for {@code <NULL>} or a cell missing at the end of a short row. */
    String cell(int index) {
        return index < cells.size() ? cells.get(index) : null;
    }

    /**
     * The cells that search an external key: converted values (text for SQL) and the display text
     * used in "no match" messages. {@code none} is true when every cell is empty.
     */
    record KeySearch(boolean none, String[] values, String display, String joinedKey, boolean unsearchable) {
    }

    /** Outcome of resolving an external key: none, one object, no match, several, or a missing mandatory value. */
    record KeyOutcome(Kind kind, Long id, String cellText) {
        /**
         * {@code NOT_ALLOWED}: a hierarchical key that would make the object its own ancestor;
         * {@code LOCKED}: a change to a key that a data source synchronizes.
         */
        enum Kind { NONE, FOUND, NOT_FOUND, AMBIGUOUS, MISSING_MANDATORY, NOT_ALLOWED, LOCKED }

        boolean isError() {
            return kind == Kind.NOT_FOUND || kind == Kind.AMBIGUOUS || kind == Kind.MISSING_MANDATORY
                    || kind == Kind.NOT_ALLOWED || kind == Kind.LOCKED;
        }
    }
}
