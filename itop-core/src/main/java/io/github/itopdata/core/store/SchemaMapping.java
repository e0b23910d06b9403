package io.github.itopdata.core.store;

import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.AttributeType;
import io.github.itopdata.core.model.Model;
import io.github.itopdata.core.model.ModelClass;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The mapping of a model's classes and attributes to PostgreSQL tables and columns.
 *
 * <p>The layout is one table per class hierarchy ({@code obj_<root class in lower case>}) with a
 * key column {@code id}, a {@code finalclass} column, and one column per stored attribute of
 * any class of the hierarchy. A column is named after its attribute code in lower case; when two
 * classes of one hierarchy declare the same code with different SQL types, each gets the
 * type's name as suffix ({@code capacity_integer}, {@code capacity_text}). Attributes with the
 * same code and type share the column, which is safe because each row has one final class.
 *
 * <p>The mapping is a pure function of the model, so every engine computes the same one; the
 * schema itself is created and grown by {@link StoreSchema}.
 */
public final class SchemaMapping {

    static final int MAX_IDENTIFIER_LENGTH = 63;
    private static final String TABLE_PREFIX = "obj_";
    /** Column names PostgreSQL reserves on every table, and the store's own columns. */
    private static final Set<String> RESERVED_COLUMNS =
            Set.of("id", "finalclass", "tableoid", "xmin", "xmax", "cmin", "cmax", "ctid", "oid");

    private final Model model;
    private final Map<String, ClassTable> tables = new HashMap<>();
    private final List<HierarchyTable> hierarchies = new ArrayList<>();

    private SchemaMapping(Model model) {
        this.model = model;
        Map<String, String> rootByTable = new HashMap<>();
        for (ModelClass root : model.rootClasses()) {
            HierarchyTable hierarchy = mapHierarchy(root);
            String clash = rootByTable.put(hierarchy.tableName(), root.name());
            if (clash != null) {
                throw new IllegalArgumentException("Classes " + clash + " and " + root.name()
                        + " would share the table " + hierarchy.tableName() + ": rename one of them");
            }
            hierarchies.add(hierarchy);
        }
    }

    /** Computes the mapping of a model. */
    public static SchemaMapping of(Model model) {
        return new SchemaMapping(model);
    }

    /** Returns the model the mapping was computed from. */
    public Model model() {
        return model;
    }

    /**
     * Returns how a class is stored.
     *
     * @throws io.github.itopdata.core.model.UnknownClassException if the model has no such class
     */
    public ClassTable table(String className) {
        model.get(className);
        return tables.get(className);
    }

    /** Returns the tables, one per root class, in model order. */
    public List<HierarchyTable> hierarchies() {
        return List.copyOf(hierarchies);
    }

    /**
     * Returns a fingerprint of the layout (tables, columns and their types, indexes): equal
     * fingerprints mean the schema needs no change.
     */
    public String fingerprint() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(describe().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the Java runtime", e);
        }
    }

    /** Returns a readable description of the layout, one line per table, column and index. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        for (HierarchyTable hierarchy : hierarchies) {
            text.append("table ").append(hierarchy.tableName()).append(" (root ").append(hierarchy.rootClassName())
                    .append(")\n");
            for (ColumnMapping column : hierarchy.columns()) {
                text.append("  column ").append(column.columnName()).append(' ').append(column.ddlType()).append('\n');
            }
            for (String column : hierarchy.foldIndexedColumns()) {
                text.append("  fold index ").append(column).append('\n');
            }
            for (String column : hierarchy.keyIndexedColumns()) {
                text.append("  key index ").append(column).append('\n');
            }
        }
        return text.toString();
    }

    /** Double-quotes an SQL identifier, doubling quotes inside it. */
    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** Writes a string as an SQL literal, doubling quotes inside it. */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /**
     * Returns the SQL type of an attribute's column, or empty for attributes without a column:
     * external fields, linked sets and computed attributes.
     */
    public static Optional<SqlType> sqlTypeOf(AttributeType type) {
        switch (type) {
            case STRING, TEXT, LONG_TEXT, HTML, EMAIL, URL, PHONE, IP_ADDRESS, PASSWORD, ONE_WAY_PASSWORD, ENUM,
                    ENUM_SET, TAG_SET, CASE_LOG:
                // NOTE: a case log is stored as one text; its entries (date, author) are the engines' format.
                return Optional.of(SqlType.TEXT);
            case INTEGER, PERCENTAGE, DURATION:
                return Optional.of(SqlType.INTEGER);
            case DECIMAL:
                return Optional.of(SqlType.NUMERIC);
            case BOOLEAN:
                return Optional.of(SqlType.BOOLEAN);
            case DATE:
                return Optional.of(SqlType.DATE);
            case DATE_TIME:
                return Optional.of(SqlType.TIMESTAMP);
            case EXTERNAL_KEY, HIERARCHICAL_KEY:
                return Optional.of(SqlType.BIGINT);
            case BLOB, IMAGE:
                // The contents column. The MIME type, file name and download count get columns of their own.
                return Optional.of(SqlType.BYTEA);
            default:
                return Optional.empty();
        }
    }

    private HierarchyTable mapHierarchy(ModelClass root) {
        List<ModelClass> members = new ArrayList<>();
        members.add(root);
        members.addAll(model.descendants(root.name()));

        Map<String, Set<String>> ddlTypesByCode = new LinkedHashMap<>();
        for (ModelClass member : members) {
            for (AttributeDef attribute : member.ownAttributes()) {
                sqlTypeOf(attribute.type()).ifPresent(type -> ddlTypesByCode
                        .computeIfAbsent(attribute.code(), code -> new LinkedHashSet<>()).add(ddlType(attribute, type)));
            }
        }

        String tableName = identifier(TABLE_PREFIX + root.name().toLowerCase(Locale.ROOT));
        Map<String, ColumnMapping> columnsByName = new LinkedHashMap<>();
        Set<String> foldIndexed = new LinkedHashSet<>();
        Set<String> keyIndexed = new LinkedHashSet<>();
        for (ModelClass member : members) {
            List<ColumnMapping> classColumns = new ArrayList<>();
            Map<String, DocumentColumns> classDocuments = new LinkedHashMap<>();
            for (AttributeDef attribute : member.allAttributes()) {
                Optional<ColumnMapping> column = mapAttribute(attribute, ddlTypesByCode);
                if (column.isEmpty()) {
                    continue;
                }
                classColumns.add(column.get());
                if (column.get().system()) {
                    continue;
                }
                List<ColumnMapping> tableColumns = List.of(column.get());
                if (attribute.type().isDocument()) {
                    DocumentColumns document = documentColumns(column.get());
                    classDocuments.put(attribute.code(), document);
                    tableColumns = document.all();
                }
                for (ColumnMapping tableColumn : tableColumns) {
                    addColumn(columnsByName, tableColumn, root);
                }
                boolean key = member.reconciliationKeys().contains(attribute.code())
                        || member.namingAttributes().contains(attribute.code());
                if (key && column.get().isText()) {
                    foldIndexed.add(column.get().columnName());
                }
                if (attribute.type() == AttributeType.HIERARCHICAL_KEY
                        || member.isLink() && attribute.type() == AttributeType.EXTERNAL_KEY) {
                    keyIndexed.add(column.get().columnName());
                }
            }
            List<String> finalClasses = new ArrayList<>();
            finalClasses.add(member.name());
            model.descendants(member.name()).forEach(c -> finalClasses.add(c.name()));
            tables.put(member.name(), new ClassTable(member, root.name(), tableName, finalClasses, classColumns,
                    classDocuments));
        }
        return new HierarchyTable(root.name(), tableName, List.copyOf(columnsByName.values()),
                List.copyOf(foldIndexed), List.copyOf(keyIndexed));
    }

    private static void addColumn(Map<String, ColumnMapping> columnsByName, ColumnMapping column, ModelClass root) {
        ColumnMapping previous = columnsByName.putIfAbsent(column.columnName(), column);
        if (previous != null && !previous.attCode().equals(column.attCode())) {
            throw new IllegalArgumentException("Attributes '" + previous.attCode() + "' and '" + column.attCode()
                    + "' of the classes under " + root.name() + " would share the column " + column.columnName()
                    + ": rename one of them");
        }
    }

    /** Names the columns of a document after its contents column, such as {@code picture_filename}. */
    private static DocumentColumns documentColumns(ColumnMapping data) {
        String code = data.attCode();
        String name = data.columnName();
        return new DocumentColumns(data,
                new ColumnMapping(code, identifier(name + "_mimetype"), SqlType.TEXT, SqlType.TEXT.ddl(), false),
                new ColumnMapping(code, identifier(name + "_filename"), SqlType.TEXT, SqlType.TEXT.ddl(), false),
                new ColumnMapping(code, identifier(name + "_downloads_count"), SqlType.INTEGER, SqlType.INTEGER.ddl(),
                        false));
    }

    private static Optional<ColumnMapping> mapAttribute(AttributeDef attribute, Map<String, Set<String>> ddlTypesByCode) {
        if (attribute.type() == AttributeType.FINAL_CLASS) {
            return Optional.of(new ColumnMapping(attribute.code(), ClassTable.FINAL_CLASS_COLUMN, SqlType.TEXT,
                    SqlType.TEXT.ddl(), true));
        }
        Optional<SqlType> type = sqlTypeOf(attribute.type());
        if (type.isEmpty()) {
            return Optional.empty();
        }
        String ddlType = ddlType(attribute, type.get());
        String name = attribute.code().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (name.isEmpty() || !Character.isLetter(name.charAt(0))) {
            name = "a" + name;
        }
        if (ddlTypesByCode.getOrDefault(attribute.code(), Set.of()).size() > 1) {
            name = name + "_" + ddlType.replaceAll("[^a-z0-9]+", "_").replaceAll("_$", "");
        } else if (RESERVED_COLUMNS.contains(name)) {
            name = name + "_";
        }
        return Optional.of(new ColumnMapping(attribute.code(), identifier(name), type.get(), ddlType, false));
    }

    private static String ddlType(AttributeDef attribute, SqlType type) {
        if (type == SqlType.NUMERIC && attribute.digits() > 0) {
            return "numeric(" + attribute.digits() + "," + attribute.decimals() + ")";
        }
        return type.ddl();
    }

    /** Shortens a name to PostgreSQL's identifier limit, keeping it unique with a hash suffix. */
    static String identifier(String name) {
        if (name.length() <= MAX_IDENTIFIER_LENGTH) {
            return name;
        }
        String hash = Integer.toHexString(name.hashCode());
        return name.substring(0, MAX_IDENTIFIER_LENGTH - hash.length() - 1) + "_" + hash;
    }
}
