package io.github.itopdata.core.query;

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
            int distance = distance(candidate, wrong);
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
        sorted.sort(Comparator.comparingInt((String c) -> distance(c, target)));
        return sorted.subList(0, Math.min(limit, sorted.size()));
    }

    /** Returns the Levenshtein distance between two strings. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
