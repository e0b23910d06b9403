package io.github.itopdata.paramfile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads parameters files ({@code --param_file}) and the configuration file {@code itop.conf},
 * which share one syntax.
 *
 * <p>The syntax, applied to raw bytes:
 * <ol>
 *   <li>One leading UTF-8 byte-order mark is dropped. Lines end at LF, CRLF or a lone CR.</li>
 *   <li>Each line is trimmed of space, TAB, LF, CR, NUL and VT (not form feed, not U+00A0).</li>
 *   <li>A {@code #} anywhere starts a comment that runs to the end of the line; there is no
 *       escape, so a value cannot contain {@code #}. The rest is trimmed again.</li>
 *   <li>A blank or comment-only line is skipped. Otherwise the key is the text before the first
 *       {@code =}, trimmed, and the value the text after it, trimmed: {@code a=b=c} defines
 *       {@code a} as {@code b=c}. Quotes are ordinary characters and are kept.</li>
 *   <li>A line without {@code =}, with an empty key, or with a blank inside the key is ignored
 *       with a {@link ParamFileWarning.Type#IGNORED_LINE} warning.</li>
 *   <li>Keys and values are decoded as UTF-8; an invalid sequence there is an error. Comments
 *       may hold any bytes (Latin-1 comments keep working).</li>
 *   <li>Keys are case-sensitive. A key defined twice keeps its last value, with a
 *       {@link ParamFileWarning.Type#REDEFINED_KEY} warning.</li>
 * </ol>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class ParamFileParser {

    /** Files larger than this many bytes are rejected: a parameters file holds a few lines. */
    public static final long MAX_FILE_SIZE = 1024 * 1024;

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final ParameterOrigin.Kind kind;
    private final String noun;

    private ParamFileParser(ParameterOrigin.Kind kind, String noun) {
        this.kind = kind;
        this.noun = noun;
    }

    /** Returns a parser for the files named by {@code --param_file}. */
    public static ParamFileParser forParamFiles() {
        return new ParamFileParser(ParameterOrigin.Kind.PARAM_FILE, "parameter file");
    }

    /** Returns a parser for the configuration file {@code itop.conf}; its messages name a configuration file. */
    public static ParamFileParser forConfigFile() {
        return new ParamFileParser(ParameterOrigin.Kind.CONFIG_FILE, "configuration file");
    }

    /**
     * Loads the files of a {@code --param_file} value: a comma-separated list of paths, each
     * trimmed, relative ones resolved against {@code workingDirectory}. Empty elements and
     * elements equal to {@code 0} are skipped, so {@code --param_file=} loads nothing. A key
     * defined in a later file replaces the same key of an earlier one.
     *
     * @throws ParamFileException at the first file that cannot be used; the files after it are not read
     */
    public ParamFiles loadAll(String pathList, Path workingDirectory) throws ParamFileException {
        List<ParsedParamFile> files = new ArrayList<>();
        List<ParamFileWarning> warnings = new ArrayList<>();
        Map<String, String> keysSeen = new HashMap<>();

        for (String element : pathList.split(",", -1)) {
            String path = ParameterValues.trim(element);
            if (path.isEmpty() || path.equals("0")) {
                continue;
            }
            ParsedParamFile file = load(path, workingDirectory);
            files.add(file);
            warnings.addAll(file.warnings());
            for (Parameter entry : file.entries()) {
                String earlierPath = keysSeen.put(entry.name(), path);
                if (earlierPath != null && !earlierPath.equals(path)) {
                    warnings.add(ParamFileWarning.redefinedKey(path, entry.origin().position(), entry.name()));
                }
            }
        }
        return new ParamFiles(files, warnings);
    }

    /**
     * Loads one file. {@code path} is kept as written in messages and origins, and resolved
     * against {@code workingDirectory} when relative.
     *
     * @throws ParamFileException when the file does not exist, is not a readable regular file,
     *     is larger than {@link #MAX_FILE_SIZE}, or holds a key or value that is not valid UTF-8
     */
    public ParsedParamFile load(String path, Path workingDirectory) throws ParamFileException {
        Path file = workingDirectory.resolve(path);
        byte[] content = read(path, file);
        ParsedParamFile parsed = parse(content, path);
        if (parsed.defines("auth_pwd") && isOpenToOthers(file)) {
            List<ParamFileWarning> warnings = new ArrayList<>(parsed.warnings());
            warnings.add(ParamFileWarning.openPermissions(path));
            parsed = new ParsedParamFile(path, parsed.entries(), warnings);
        }
        return parsed;
    }

    /**
     * Parses the content of a file; {@code path} only names the file in origins and messages.
     *
     * @throws ParamFileException when a key or value is not valid UTF-8
     */
    public ParsedParamFile parse(byte[] content, String path) throws ParamFileException {
        List<Parameter> entries = new ArrayList<>();
        List<ParamFileWarning> warnings = new ArrayList<>();
        Map<String, Integer> definedAt = new HashMap<>();

        int start = startsWith(content, UTF8_BOM) ? UTF8_BOM.length : 0;
        int lineNumber = 0;
        while (start < content.length) {
            lineNumber++;
            int end = start;
            while (end < content.length && content[end] != '\n' && content[end] != '\r') {
                end++;
            }
            Parameter entry = parseLine(content, start, end, path, lineNumber, warnings);
            if (entry != null) {
                if (definedAt.put(entry.name(), lineNumber) != null) {
                    warnings.add(ParamFileWarning.redefinedKey(path, lineNumber, entry.name()));
                }
                entries.add(entry);
            }

            start = end;
            if (start < content.length && content[start] == '\r') {
                start++;
            }
            if (start < content.length && content[start] == '\n') {
                start++;
            }
        }
        return new ParsedParamFile(path, entries, warnings);
    }

    private Parameter parseLine(byte[] content, int from, int to, String path, int lineNumber,
                                List<ParamFileWarning> warnings) throws ParamFileException {
        int start = skipTrimmed(content, from, to);
        int end = skipTrimmedBackwards(content, start, to);
        int comment = indexOf(content, start, end, (byte) '#');
        if (comment >= 0) {
            end = skipTrimmedBackwards(content, start, comment);
        }
        if (start == end) {
            return null;
        }

        int equals = indexOf(content, start, end, (byte) '=');
        if (equals < 0) {
            warnings.add(ParamFileWarning.ignoredLine(path, lineNumber));
            return null;
        }
        int keyEnd = skipTrimmedBackwards(content, start, equals);
        if (keyEnd == start || containsBlank(content, start, keyEnd)) {
            warnings.add(ParamFileWarning.ignoredLine(path, lineNumber));
            return null;
        }
        int valueStart = skipTrimmed(content, equals + 1, end);

        String key = decode(content, start, keyEnd, path, lineNumber);
        String value = decode(content, valueStart, end, path, lineNumber);
        return new Parameter(key, value, origin(path, lineNumber));
    }

    private ParameterOrigin origin(String path, int lineNumber) {
        return kind == ParameterOrigin.Kind.CONFIG_FILE
                ? ParameterOrigin.configFile(path, lineNumber)
                : ParameterOrigin.paramFile(path, lineNumber);
    }

    private byte[] read(String path, Path file) throws ParamFileException {
        if (!Files.exists(file)) {
            throw new ParamFileException(path, "Could not find the " + noun + ": '" + path + "'");
        }
        if (Files.isDirectory(file)) {
            throw cannotLoad(path, "it is a directory", null);
        }
        if (!Files.isRegularFile(file)) {
            // A FIFO or a device could block or never end: only regular files are opened.
            throw cannotLoad(path, "not a regular file", null);
        }
        try {
            if (Files.size(file) > MAX_FILE_SIZE) {
                throw cannotLoad(path, "larger than " + MAX_FILE_SIZE + " bytes", null);
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] content = in.readNBytes((int) MAX_FILE_SIZE + 1);
                if (content.length > MAX_FILE_SIZE) {
                    throw cannotLoad(path, "larger than " + MAX_FILE_SIZE + " bytes", null);
                }
                return content;
            }
        } catch (AccessDeniedException e) {
            throw cannotLoad(path, "permission denied", e);
        } catch (IOException e) {
            throw cannotLoad(path, String.valueOf(e.getMessage()), e);
        }
    }

    private ParamFileException cannotLoad(String path, String reason, Throwable cause) {
        return new ParamFileException(path, "Could not load " + noun + ": '" + path + "' (" + reason + ")", cause);
    }

    private static boolean isOpenToOthers(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            return permissions.contains(PosixFilePermission.OTHERS_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_WRITE);
        } catch (UnsupportedOperationException | IOException e) {
            // No POSIX permissions (or a symbolic link, whose own bits mean nothing): nothing to warn about.
            return false;
        }
    }

    private String decode(byte[] content, int from, int to, String path, int lineNumber) throws ParamFileException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(content, from, to - from))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ParamFileException(path,
                    "Could not load " + noun + ": '" + path + "' (line " + lineNumber + ": not valid UTF-8)", e);
        }
    }

    private static boolean startsWith(byte[] content, byte[] prefix) {
        if (content.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (content[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int skipTrimmed(byte[] content, int from, int to) {
        int i = from;
        while (i < to && ParameterValues.isTrimmed(content[i])) {
            i++;
        }
        return i;
    }

    private static int skipTrimmedBackwards(byte[] content, int from, int to) {
        int i = to;
        while (i > from && ParameterValues.isTrimmed(content[i - 1])) {
            i--;
        }
        return i;
    }

    private static int indexOf(byte[] content, int from, int to, byte wanted) {
        for (int i = from; i < to; i++) {
            if (content[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    /** Blanks are the bytes of the regular-expression class {@code \s}: space, TAB, LF, VT, FF, CR. */
    private static boolean containsBlank(byte[] content, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = content[i];
            if (b == ' ' || b == '\t' || b == '\n' || b == 0x0B || b == '\f' || b == '\r') {
                return true;
            }
        }
        return false;
    }
}
