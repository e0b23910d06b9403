package io.github.itopdata.core.imports.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A date or date-time format written with PHP {@code date()} letters ({@code d/m/Y H:i}), as
 * iTop's {@code date_format} argument uses them: parses cells anchored to the whole text and
 * renders values back. Impossible dates ({@code 31/02/2024}) do not parse; time fields that the
 * format lacks are 0.
 */
public final class PhpDateFormat {

    private static final String DATE_LETTERS = "djmnYy";

    private final String format;
    private final Pattern pattern;
    private final List<Character> groups;

    private PhpDateFormat(String format, boolean singleDigitsAllowed) {
        this.format = format;
        StringBuilder regex = new StringBuilder("^");
        List<Character> letters = new ArrayList<>();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            String group = groupFor(c, singleDigitsAllowed);
            if (c == '\\' && i + 1 < format.length()) {
                i++;
                regex.append(Pattern.quote(String.valueOf(format.charAt(i))));
            } else if (group != null) {
                regex.append('(').append(group).append(')');
                letters.add(c);
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        this.pattern = Pattern.compile(regex.append('$').toString());
        this.groups = List.copyOf(letters);
    }

    /** Compiles a format given with PHP letters. */
    public static PhpDateFormat of(String format) {
        return new PhpDateFormat(format, false);
    }

    /** iTop's internal date format, which also accepts single-digit months and days. */
    public static PhpDateFormat internalDate() {
        return new PhpDateFormat("Y-m-d", true);
    }

    /** iTop's internal date-time format. */
    public static PhpDateFormat internalDateTime() {
        return new PhpDateFormat("Y-m-d H:i:s", false);
    }

    /**
     * Returns the date part of a date-time format: the text from its first to its last date
     * letter ({@code d/m/Y H:i} gives {@code d/m/Y}); the whole format when it has no date letter.
     */
    public static String datePart(String format) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < format.length(); i++) {
            if (format.charAt(i) == '\\') {
                i++;
                continue;
            }
            if (DATE_LETTERS.indexOf(format.charAt(i)) >= 0) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        return first < 0 ? format : format.substring(first, last + 1);
    }

    /** Returns the format as given. */
    public String format() {
        return format;
    }

    /** Parses a whole cell; empty when the text does not match or is not a real date or time. */
    public Optional<LocalDateTime> parse(String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int year = 1970;
        int month = 1;
        int day = 1;
        int hour = 0;
        int hour12 = -1;
        int minute = 0;
        int second = 0;
        Boolean afternoon = null;
        for (int g = 0; g < groups.size(); g++) {
            String value = matcher.group(g + 1);
            switch (groups.get(g)) {
                case 'd', 'j' -> day = Integer.parseInt(value);
                case 'm', 'n' -> month = Integer.parseInt(value);
                case 'Y' -> year = Integer.parseInt(value);
                case 'y' -> {
                    int shortYear = Integer.parseInt(value);
                    year = shortYear < 70 ? 2000 + shortYear : 1900 + shortYear;
                }
                case 'H', 'G' -> hour = Integer.parseInt(value);
                case 'h', 'g' -> hour12 = Integer.parseInt(value);
                case 'i' -> minute = Integer.parseInt(value);
                case 's' -> second = Integer.parseInt(value);
                case 'a', 'A' -> afternoon = value.equalsIgnoreCase("pm");
                default -> throw new IllegalStateException("Unexpected letter " + groups.get(g));
            }
        }
        if (hour12 >= 0) {
            hour = hour12 % 12 + (Boolean.TRUE.equals(afternoon) ? 12 : 0);
        }
        try {
            return Optional.of(LocalDateTime.of(LocalDate.of(year, month, day), LocalTime.of(hour, minute, second)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** Renders a value with this format. */
    public String render(LocalDateTime value) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '\\' && i + 1 < format.length()) {
                i++;
                text.append(format.charAt(i));
                continue;
            }
            int hour12 = value.getHour() % 12 == 0 ? 12 : value.getHour() % 12;
            switch (c) {
                case 'd' -> text.append(twoDigits(value.getDayOfMonth()));
                case 'j' -> text.append(value.getDayOfMonth());
                case 'm' -> text.append(twoDigits(value.getMonthValue()));
                case 'n' -> text.append(value.getMonthValue());
                case 'Y' -> appendYear(text, value.getYear());
                case 'y' -> text.append(twoDigits(value.getYear() % 100));
                case 'H' -> text.append(twoDigits(value.getHour()));
                case 'G' -> text.append(value.getHour());
                case 'h' -> text.append(twoDigits(hour12));
                case 'g' -> text.append(hour12);
                case 'i' -> text.append(twoDigits(value.getMinute()));
                case 's' -> text.append(twoDigits(value.getSecond()));
                case 'a' -> text.append(value.getHour() < 12 ? "am" : "pm");
                case 'A' -> text.append(value.getHour() < 12 ? "AM" : "PM");
                default -> text.append(c);
            }
        }
        return text.toString();
    }

    private static void appendYear(StringBuilder text, int year) {
        String digits = Integer.toString(year);
        for (int i = digits.length(); i < 4; i++) {
            text.append('0');
        }
        text.append(digits);
    }

    private static String twoDigits(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }

    private static String groupFor(char letter, boolean singleDigitsAllowed) {
        return switch (letter) {
            case 'd' -> singleDigitsAllowed ? "0?[1-9]|[12][0-9]|3[01]" : "0[1-9]|[12][0-9]|3[01]";
            case 'j' -> "[1-9]|[12][0-9]|3[01]";
            case 'm' -> singleDigitsAllowed ? "0?[1-9]|1[0-2]" : "0[1-9]|1[0-2]";
            case 'n' -> "[1-9]|1[0-2]";
            case 'Y' -> "[0-9]{4}";
            case 'y' -> "[0-9]{2}";
            case 'H' -> "[01][0-9]|2[0-3]";
            case 'h' -> "0[1-9]|1[0-2]";
            case 'G' -> "[0-9]|1[0-9]|2[0-3]";
            case 'g' -> "[1-9]|1[0-2]";
            case 'i', 's' -> "[0-5][0-9]";
            case 'a' -> "am|pm";
            case 'A' -> "AM|PM";
            default -> null;
        };
    }
}
