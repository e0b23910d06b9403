package io.github.itopdata.core.export;

import java.util.Optional;

/** Output formats of the export services; {@link #code()} is the value of the {@code format} argument. */
public enum ExportFormat {
    HTML("html", true),
    CSV("csv", true),
    XLSX("xlsx", true),
    SPREADSHEET("spreadsheet", true),
    XML("xml", false);

    /** The format list printed by v2 errors. PDF is not offered: no PDF renderer is bundled. */
    public static final String SUPPORTED_V2 = "html, csv, xlsx, spreadsheet, xml";

    private final String code;
    private final boolean tabular;

    ExportFormat(String code, boolean tabular) {
        this.code = code;
        this.tabular = tabular;
    }

    public String code() {
        return code;
    }

    /** Tells whether the format lays out the {@code fields} columns (all but xml). */
    public boolean isTabular() {
        return tabular;
    }

    /** Finds the format whose code is exactly {@code code} (case-sensitive, as export-v2 requires). */
    public static Optional<ExportFormat> fromCode(String code) {
        for (ExportFormat format : values()) {
            if (format.code.equals(code)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
