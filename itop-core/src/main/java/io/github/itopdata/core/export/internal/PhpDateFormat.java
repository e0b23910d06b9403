package io.github.itopdata.core.export.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A date format written with PHP {@code date()} letters, as the {@code date_format} argument
 * takes it: {@code Y y m n d j H G h g i s A a M F D l}; any other character is literal and
 * {@code \x} makes a letter literal.
 */
public final class PhpDateFormat {

    /** The default format, which is also the way PostgreSQL prints timestamps. */
    public static final String DEFAULT = "Y-m-d H:i:s";

    private static final String LETTERS = "YymndjHGhgisAaMFDl";
    private static final Set<Character> TIME_LETTERS = Set.of('H', 'G', 'h', 'g', 'i', 's', 'A', 'a');

    /** One piece of a format: a letter, or literal text. */
    private record Piece(char letter, String literal) {
        boolean isLetter() {
            return literal == null;
        }
    }

    private final String pattern;
    private final List<Piece> pieces;
    private final List<Piece> datePieces;

    private PhpDateFormat(String pattern, List<Piece> pieces) {
        this.pattern = pattern;
        this.pieces = pieces;
        this.datePieces = dateOnly(pieces);
    }

    /**
     * Reads a format.
     *
     * @throws IllegalArgumentException {@code Invalid date_format '<f>'} when the format is empty,
     *                                  ends with a lone backslash or contains no letter
     */
    public static PhpDateFormat parse(String pattern) {
        List<Piece> pieces = new ArrayList<>();
        boolean hasLetter = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                if (i + 1 >= pattern.length()) {
                    throw invalid(pattern);
                }
                pieces.add(new Piece('\0', String.valueOf(pattern.charAt(++i))));
            } else if (LETTERS.indexOf(c) >= 0) {
                pieces.add(new Piece(c, null));
                hasLetter = true;
            } else {
                pieces.add(new Piece('\0', String.valueOf(c)));
            }
        }
        if (!hasLetter) {
            throw invalid(pattern);
        }
        return new PhpDateFormat(pattern, List.copyOf(pieces));
    }

    private static IllegalArgumentException invalid(String pattern) {
        return new IllegalArgumentException("Invalid date_format '" + pattern + "'");
    }

    /** Drops the time letters with the literal separators just before them (after them for a leading one). */
    private static List<Piece> dateOnly(List<Piece> pieces) {
        List<Piece> kept = new ArrayList<>();
        for (int i = 0; i < pieces.size(); i++) {
            Piece piece = pieces.get(i);
            if (piece.isLetter() && TIME_LETTERS.contains(piece.letter())) {
                while (!kept.isEmpty() && !kept.get(kept.size() - 1).isLetter()) {
                    kept.remove(kept.size() - 1);
                }
                if (kept.isEmpty()) {
                    while (i + 1 < pieces.size() && !pieces.get(i + 1).isLetter()) {
                        i++;
                    }
                }
                continue;
            }
            kept.add(piece);
        }
        return List.copyOf(kept);
    }

    public String pattern() {
        return pattern;
    }

    public boolean isDefault() {
        return pattern.equals(DEFAULT);
    }

    /** Formats a date-time with the whole format. */
    public String format(LocalDateTime value) {
        return render(pieces, value);
    }

    /** Formats a date with the format's date part. */
    public String format(LocalDate value) {
        return render(datePieces, value.atStartOfDay());
    }

    /** Returns the format as an Excel number format, for xlsx date cells. */
    public String toExcel(boolean withTime) {
        StringBuilder excel = new StringBuilder();
        for (Piece piece : withTime ? pieces : datePieces) {
            if (!piece.isLetter()) {
                excel.append(piece.literal().matches("[A-Za-z]") ? "\\" + piece.literal() : piece.literal());
                continue;
            }
            excel.append(switch (piece.letter()) {
                case 'Y' -> "yyyy";
                case 'y' -> "yy";
                case 'm' -> "mm";
                case 'n' -> "m";
                case 'd' -> "dd";
                case 'j' -> "d";
                case 'H', 'h' -> "hh";
                case 'G', 'g' -> "h";
                case 'i' -> "mm";
                case 's' -> "ss";
                case 'A', 'a' -> "AM/PM";
                case 'M' -> "mmm";
                case 'F' -> "mmmm";
                case 'D' -> "ddd";
                default -> "dddd";
            });
        }
        return excel.toString();
    }

    private static String render(List<Piece> pieces, LocalDateTime value) {
        StringBuilder out = new StringBuilder();
        for (Piece piece : pieces) {
            if (!piece.isLetter()) {
                out.append(piece.literal());
                continue;
            }
            int hour12 = value.getHour() % 12 == 0 ? 12 : value.getHour() % 12;
            switch (piece.letter()) {
                case 'Y' -> out.append(String.format("%04d", value.getYear()));
                case 'y' -> out.append(String.format("%02d", value.getYear() % 100));
                case 'm' -> out.append(String.format("%02d", value.getMonthValue()));
                case 'n' -> out.append(value.getMonthValue());
                case 'd' -> out.append(String.format("%02d", value.getDayOfMonth()));
                case 'j' -> out.append(value.getDayOfMonth());
                case 'H' -> out.append(String.format("%02d", value.getHour()));
                case 'G' -> out.append(value.getHour());
                case 'h' -> out.append(String.format("%02d", hour12));
                case 'g' -> out.append(hour12);
                case 'i' -> out.append(String.format("%02d", value.getMinute()));
                case 's' -> out.append(String.format("%02d", value.getSecond()));
                case 'A' -> out.append(value.getHour() < 12 ? "AM" : "PM");
                case 'a' -> out.append(value.getHour() < 12 ? "am" : "pm");
                case 'M' -> out.append(value.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                case 'F' -> out.append(value.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
                case 'D' -> out.append(value.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
                default -> out.append(value.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
            }
        }
        return out.toString();
    }
}
