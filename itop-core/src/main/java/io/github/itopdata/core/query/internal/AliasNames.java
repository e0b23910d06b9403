package io.github.itopdata.core.query.internal;

/** Hands out the SQL table aliases of one statement: {@code t1}, {@code t2}... never reused. */
final class AliasNames {

    private int count;

    String next() {
        count++;
        return "t" + count;
    }
}
