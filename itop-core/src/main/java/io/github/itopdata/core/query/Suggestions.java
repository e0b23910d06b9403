package io.github.itopdata.core.query;

import io.github.itopdata.core.model.Model;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Closest-name lookup used by OQL and field-list errors: Levenshtein distance on characters,
 * case-sensitive, at most 3; an exact match wins; on a tie the last candidate in list order wins.
 */
public final class Suggestions {

    /** Largest edit distance at which a name is still suggested. */
    public static final int MAX_DISTANCE = 3;

    private Suggestions() {
    }

    /** Returns the suggested name for {@code wrong} among {@code candidates}, or "" when none is close. */
    public static String suggest(List<String> candidates, String wrong) {
        String best = "";
        int bestDistance = MAX_DISTANCE + 1;
        for (String candidate : candidates) {
            if (candidate.equals(wrong)) {
                return candidate;
            }
            int distance = Model.distance(candidate, wrong);
            if (distance <= bestDistance && distance <= MAX_DISTANCE) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Returns up to {@code limit} candidates, closest to {@code target} first. */
    static List<String> closest(List<String> candidates, String target, int limit) {
        List<String> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingInt((String c) -> Model.distance(c, target)));
        return sorted.subList(0, Math.min(limit, sorted.size()));
    }
}
