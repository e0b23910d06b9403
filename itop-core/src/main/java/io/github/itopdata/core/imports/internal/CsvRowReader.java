package io.github.itopdata.core.imports.internal;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams the rows of iTop's CSV dialect from a character stream.
 *
 * <p>The dialect differs from RFC 4180 in ways that existing iTop files rely on: unquoted values
 * are trimmed, blanks before an opening qualifier are skipped, text glued after a closing
 * qualifier is appended to the value, a lone CR is an ordinary character (only LF and CR LF end a
 * line), an unterminated quoted value runs to the end of the input, and a cell whose text is
 * exactly {@code <NULL>} is the null value. Rows made of a single empty cell are skipped.
 *
 * <p>Only the current row is held in memory. Not thread-safe.
 */
public final class CsvRowReader {

    /** Cell text that stands for the null value, distinct from the empty string. */
    public static final String NULL_TOKEN = "<NULL>";
    /** Code point meaning "no separator" or "no qualifier". */
    public static final int NONE = -1;

    private enum State { START, RAW, QUOTED, AFTER_QUOTE }

    private final Reader reader;
    private final int separator;
    private final int qualifier;
    private final StringBuilder cell = new StringBuilder();
    private final char[] buffer = new char[64 * 1024];
    private int bufferPosition;
    private int bufferLimit;
    private int pushedBack = -2;
    private long line = 1;
    private long rowStartLine;
    private boolean loneCarriageReturnInRow;
    private boolean atEnd;
    /** True while {@link #skipRow()} reads: cells are checked for emptiness but not kept. */
    private boolean discarding;

    /**
     * Creates a reader of rows.
     *
     * @param reader the decoded text; the caller closes it
     * @param separator the separator code point, or {@link #NONE} for one column per line
     * @param qualifier the qualifier code point, or {@link #NONE} for no quoting
     */
    public CsvRowReader(Reader reader, int separator, int qualifier) {
        this.reader = reader;
        this.separator = separator;
        this.qualifier = qualifier;
    }

    /**
     * Reads the next row that is not skipped; returns null at the end of the input. A null
     * element is a null cell ({@code <NULL>}).
     */
    public List<String> nextRow() throws IOException {
        while (!atEnd) {
            List<String> row = readRow();
            if (row.size() == 1 && (row.get(0) == null || row.get(0).isEmpty())) {
                continue;
            }
            return row;
        }
        return null;
    }

    /**
     * Reads past the next row that is not skipped, without keeping its cells; returns false at
     * the end of the input. Counting rows this way costs less than {@link #nextRow()}.
     */
    public boolean skipRow() throws IOException {
        discarding = true;
        try {
            return nextRow() != null;
        } finally {
            discarding = false;
        }
    }

    /** Returns the physical line (1-based) where the row last returned started. */
    public long rowStartLine() {
        return rowStartLine;
    }

    /** Tells whether the row last returned contains a CR that is not followed by LF. */
    public boolean rowHasLoneCarriageReturn() {
        return loneCarriageReturnInRow;
    }

    private List<String> readRow() throws IOException {
        List<String> cells = new ArrayList<>();
        cell.setLength(0);
        rowStartLine = line;
        loneCarriageReturnInRow = false;
        State state = State.START;
        boolean glued = false;
        while (true) {
            int c = read();
            if (c == -1) {
                atEnd = true;
                cells.add(finish(state == State.RAW || glued));
                return cells;
            }
            if (c == '\r') {
                int next = read();
                if (next == '\n') {
                    c = '\n';
                } else {
                    unread(next);
                    loneCarriageReturnInRow = true;
                }
            }
            if (c == '\n') {
                line++;
            }
            boolean isSeparator = c == separator;
            boolean isBlank = !isSeparator && (c == ' ' || c == '\t');
            boolean isNewline = !isSeparator && c == '\n';
            boolean isQualifier = !isSeparator && !isBlank && !isNewline && c == qualifier;
            switch (state) {
                case START -> {
                    if (isBlank) {
                        continue;
                    }
                    if (isSeparator) {
                        cells.add(finish(glued));
                        glued = false;
                    } else if (isNewline) {
                        cells.add(finish(glued));
                        return cells;
                    } else if (isQualifier) {
                        state = State.QUOTED;
                    } else {
                        cell.appendCodePoint(c);
                        state = State.RAW;
                    }
                }
                case RAW -> {
                    if (!isSeparator && !isNewline) {
                        cell.appendCodePoint(c);
                        appendPlainRun(false);
                        continue;
                    }
                    if (isSeparator) {
                        cells.add(finish(true));
                        glued = false;
                        state = State.START;
                    } else if (isNewline) {
                        cells.add(finish(true));
                        return cells;
                    } else {
                        cell.appendCodePoint(c);
                    }
                }
                case QUOTED -> {
                    if (isQualifier) {
                        state = State.AFTER_QUOTE;
                    } else {
                        cell.appendCodePoint(c);
                        appendPlainRun(true);
                    }
                }
                case AFTER_QUOTE -> {
                    if (isBlank) {
                        continue;
                    }
                    if (isSeparator) {
                        cells.add(finish(glued));
                        glued = false;
                        state = State.START;
                    } else if (isNewline) {
                        cells.add(finish(glued));
                        return cells;
                    } else if (isQualifier) {
                        cell.appendCodePoint(c);
                        state = State.QUOTED;
                    } else {
                        // Text glued after a closing qualifier joins the value, and the whole
                        // cell is then trimmed like an unquoted one.
                        cell.appendCodePoint(c);
                        glued = true;
                        state = State.START;
                    }
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
    }

    /**
     * Appends the buffered characters that follow, up to the next one the state machine must
     * see: a separator, a line end, a surrogate, or (inside quotes) the qualifier. Copying such a
     * run at once is what keeps parsing fast; the characters are the same as one by one.
     */
    private void appendPlainRun(boolean quoted) {
        if (pushedBack != -2) {
            return;
        }
        int start = bufferPosition;
        int position = start;
        while (position < bufferLimit) {
            char c = buffer[position];
            if (c == separator || c == '\n' || c == '\r' || Character.isSurrogate(c) || quoted && c == qualifier) {
                break;
            }
            position++;
        }
        cell.append(buffer, start, position - start);
        bufferPosition = position;
    }

    private String finish(boolean trim) {
        if (discarding) {
            return discardedCell(trim);
        }
        String text = trim ? trim(cell) : cell.toString();
        cell.setLength(0);
        return NULL_TOKEN.equals(text) ? null : text;
    }

    /** Returns a stand-in for a cell that is not kept: empty, null or "x", which is all that {@link #nextRow()} checks. */
    private String discardedCell(boolean trim) {
        int start = 0;
        int end = cell.length();
        while (trim && start < end && isTrimmed(cell.charAt(start))) {
            start++;
        }
        while (trim && end > start && isTrimmed(cell.charAt(end - 1))) {
            end--;
        }
        boolean isNull = end - start == NULL_TOKEN.length() && NULL_TOKEN.contentEquals(cell.subSequence(start, end));
        cell.setLength(0);
        return isNull ? null : start == end ? "" : "x";
    }

    /** Removes leading and trailing space, TAB, CR, LF, NUL and vertical-tab characters. */
    public static String trim(CharSequence text) {
        int start = 0;
        int end = text.length();
        while (start < end && isTrimmed(text.charAt(start))) {
            start++;
        }
        while (end > start && isTrimmed(text.charAt(end - 1))) {
            end--;
        }
        return text.subSequence(start, end).toString();
    }

    private static boolean isTrimmed(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\0' || c == '\u000B';
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        int high = readChar();
        if (high == -1 || !Character.isHighSurrogate((char) high)) {
            return high;
        }
        int low = readChar();
        if (low == -1) {
            return high;
        }
        if (Character.isLowSurrogate((char) low)) {
            return Character.toCodePoint((char) high, (char) low);
        }
        pushedBack = low;
        return high;
    }

    private int readChar() throws IOException {
        if (bufferPosition == bufferLimit) {
            int count = reader.read(buffer, 0, buffer.length);
            while (count == 0) {
                count = reader.read(buffer, 0, buffer.length);
            }
            if (count < 0) {
                return -1;
            }
            bufferPosition = 0;
            bufferLimit = count;
        }
        return buffer[bufferPosition++];
    }

    private void unread(int c) {
        pushedBack = c;
    }
}
