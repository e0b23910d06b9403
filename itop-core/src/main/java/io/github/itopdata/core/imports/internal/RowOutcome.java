package io.github.itopdata.core.imports.internal;

import java.util.ArrayList;
import java.util.List;

/** What happened to one row, ready to report: status, object, cells and diff lines. */
final class RowOutcome {

    enum Kind { CREATED, UPDATED, UNCHANGED, ISSUE }

    Kind kind;
    String status;
    String objectClass = "n/a";
    String objectId = "n/a";
    /** External-key cells then attribute cells, in table order. */
    final List<String> cells = new ArrayList<>();
    final List<String> diffLines = new ArrayList<>();

    static RowOutcome issue(String status) {
        RowOutcome outcome = new RowOutcome();
        outcome.kind = Kind.ISSUE;
        outcome.status = status;
        return outcome;
    }
}
