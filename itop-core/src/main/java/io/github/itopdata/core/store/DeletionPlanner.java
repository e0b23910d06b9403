package io.github.itopdata.core.store;

import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.AttributeType;
import io.github.itopdata.core.model.ModelClass;
import io.github.itopdata.core.model.OnTargetDelete;
import io.github.itopdata.core.store.DeletionPlan.Blocker;
import io.github.itopdata.core.store.DeletionPlan.Deletion;
import io.github.itopdata.core.store.DeletionPlan.KeyReset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * Computes {@link DeletionPlan}s with set-based reads: breadth first, one query per key that
 * can point to the objects found at the previous depth, each with the ids of all those objects.
 * An object already in the plan is not followed again, so cycles of keys end.
 */
final class DeletionPlanner {

    /** Effect of a key on its object when the object it points to is deleted. */
    enum Rule {
        /** The key may be null: it is reset. */
        RESET,
        /** The key is a nullable hierarchical key declared DEL_MOVEUP: it takes the deleted object's parent. */
        MOVE_UP,
        /** The key is mandatory and declared DEL_AUTO, DEL_SILENT or DEL_MOVEUP: its object is deleted too. */
        CASCADE,
        /** The key is mandatory and declared DEL_MANUAL, or declares nothing: the deletion is rejected. */
        BLOCK
    }

    /**
     * An external or hierarchical key of a class, stored in a column, that points to objects of
     * {@code target} (subclasses included).
     */
    record KeyReference(ClassTable table, ColumnMapping column, AttributeDef attribute, ClassTable target,
            Set<String> targetClasses, Rule rule) {
    }

    private final SchemaMapping mapping;
    /** The keys that can point to the objects of each hierarchy, by root class. */
    private final Map<String, List<KeyReference>> referencesByRoot;

    DeletionPlanner(SchemaMapping mapping) {
        this.mapping = mapping;
        this.referencesByRoot = indexReferences(mapping);
    }

    /** Returns the keys that can point to objects of a hierarchy, given by its root class. */
    List<KeyReference> referencesTo(String rootClassName) {
        return referencesByRoot.getOrDefault(rootClassName, List.of());
    }

    /**
     * Plans the deletion of the objects of a class (subclasses included) with the given ids. Ids
     * of other classes or of no object are left out. The rows of the objects to delete or to
     * reset are locked (FOR UPDATE) until the caller's transaction ends.
     *
     * <p>NOTE: the locks do not stop another transaction from writing a new key that points to
     * a planned object before the deletion commits. That key is then left pointing to nothing.
     */
    DeletionPlan plan(Handle handle, ClassTable table, Collection<Long> ids) {
        Search search = new Search();
        Map<Long, Planned> requested = new LinkedHashMap<>();
        handle.createQuery("SELECT o.id, o.finalclass FROM " + table.quotedTableName() + " o WHERE o.id = ANY(:ids)"
                        + " AND " + table.classCondition("o") + " ORDER BY o.id FOR UPDATE")
                .bind("ids", ids.toArray(new Long[0]))
                .map((rows, context) -> new Planned(rows.getLong(1), rows.getString(2), rows.getLong(1)))
                .forEach(object -> requested.put(object.id(), object));
        for (Planned object : requested.values()) {
            search.add(table.rootClassName(), object, 0);
        }

        Map<String, Map<Long, Planned>> frontier = requested.isEmpty() ? Map.of()
                : Map.of(table.rootClassName(), requested);
        for (int depth = 1; !frontier.isEmpty(); depth++) {
            Map<String, Map<Long, Planned>> next = new LinkedHashMap<>();
            for (Map.Entry<String, Map<Long, Planned>> level : frontier.entrySet()) {
                for (KeyReference reference : referencesTo(level.getKey())) {
                    Map<Long, Planned> targets = new HashMap<>();
                    level.getValue().values().stream()
                            .filter(object -> reference.targetClasses().contains(object.finalClass()))
                            .forEach(object -> targets.put(object.id(), object));
                    if (!targets.isEmpty()) {
                        follow(handle, reference, targets, depth, search, next);
                    }
                }
            }
            frontier = next;
        }
        List<KeyReset> resets = new ArrayList<>(survivingResets(search.resets, search.planned));
        resets.addAll(moveUp(handle, survivingResets(search.moveUps, search.planned), search.planned));
        return new DeletionPlan(search.deletions, resets, survivingBlockers(search.blockers, search.planned));
    }

    /**
     * Gives each key to move up the parent of the deleted object it points to, or the nearest
     * ancestor that the plan keeps, or null when every ancestor is deleted. One query per
     * hierarchical key reads the parents of all the planned objects of its hierarchy.
     */
    private List<KeyReset> moveUp(Handle handle, List<KeyReset> moveUps, Map<String, Map<Long, Planned>> planned) {
        Map<String, Map<Long, Long>> parentsByKey = new HashMap<>();
        List<KeyReset> moved = new ArrayList<>();
        for (KeyReset reset : moveUps) {
            ClassTable table = mapping.table(reset.targetClass());
            Map<Long, Planned> plannedObjects = planned.getOrDefault(table.rootClassName(), Map.of());
            ColumnMapping column = table.requireColumn(reset.attCode());
            Map<Long, Long> parents = parentsByKey.computeIfAbsent(table.tableName() + "." + column.columnName(),
                    key -> readParents(handle, table, column, plannedObjects.keySet()));
            Long ancestor = parents.get(reset.targetId());
            Set<Long> visited = new HashSet<>();
            while (ancestor != null && plannedObjects.containsKey(ancestor) && visited.add(ancestor)) {
                ancestor = parents.get(ancestor);
            }
            if (ancestor != null && plannedObjects.containsKey(ancestor)) {
                ancestor = null;
            }
            moved.add(new KeyReset(reset.className(), reset.id(), reset.attCode(), reset.targetClass(),
                    reset.targetId(), ancestor));
        }
        return moved;
    }

    private static Map<Long, Long> readParents(Handle handle, ClassTable table, ColumnMapping column,
            Collection<Long> ids) {
        Map<Long, Long> parents = new HashMap<>();
        handle.createQuery("SELECT o.id, " + column.qualified("o") + " FROM " + table.quotedTableName()
                        + " o WHERE o.id = ANY(:ids)")
                .bind("ids", ids.toArray(new Long[0]))
                .map((rows, context) -> new Long[] {rows.getLong(1), rows.getObject(2, Long.class)})
                .forEach(pair -> parents.put(pair[0], pair[1]));
        return parents;
    }

    /**
     * Applies a key's rule to the objects whose key points to one of the targets: records the
     * reset or the blocker, or adds the object to the plan and to the next depth's objects.
     */
    private void follow(Handle handle, KeyReference reference, Map<Long, Planned> targets, int depth, Search search,
            Map<String, Map<Long, Planned>> next) {
        String attCode = reference.attribute().code();
        for (Referrer referrer : findReferrers(handle, reference, targets.keySet())) {
            Planned target = targets.get(referrer.targetId());
            switch (reference.rule()) {
                case RESET -> search.resets.add(new KeyReset(referrer.finalClass(), referrer.id(), attCode,
                        target.finalClass(), target.id(), null));
                case MOVE_UP -> search.moveUps.add(new KeyReset(referrer.finalClass(), referrer.id(), attCode,
                        target.finalClass(), target.id(), null));
                case BLOCK -> search.blockers.add(new Blocker(referrer.finalClass(), referrer.id(), referrer.name(),
                        attCode, target.finalClass(), target.id(), target.requestedId()));
                case CASCADE -> {
                    String root = reference.table().rootClassName();
                    Planned object = new Planned(referrer.id(), referrer.finalClass(), target.requestedId());
                    if (search.add(root, object, depth)) {
                        next.computeIfAbsent(root, r -> new LinkedHashMap<>()).put(object.id(), object);
                    }
                }
            }
        }
    }

    /**
     * An object of the plan.
     *
     * @param requestedId the id of the requested object whose deletion led to this one first
     */
    private record Planned(long id, String finalClass, long requestedId) {
    }

    /** The state of one plan's search: the objects found so far, by root class, and what was recorded. */
    private static final class Search {
        final Map<String, Map<Long, Planned>> planned = new HashMap<>();
        final List<Deletion> deletions = new ArrayList<>();
        final List<KeyReset> resets = new ArrayList<>();
        /** Keys to move up, with their new value still to find. */
        final List<KeyReset> moveUps = new ArrayList<>();
        final List<Blocker> blockers = new ArrayList<>();

        /** Adds an object to the plan unless it is there already, and returns whether it was added. */
        boolean add(String rootClassName, Planned object, int depth) {
            Map<Long, Planned> objects = planned.computeIfAbsent(rootClassName, r -> new LinkedHashMap<>());
            if (objects.putIfAbsent(object.id(), object) != null) {
                return false;
            }
            deletions.add(new Deletion(object.finalClass(), object.id(), depth));
            return true;
        }
    }

    /** An object whose key points to an object of the plan. */
    private record Referrer(long id, String finalClass, long targetId, String name) {
    }

    private List<Referrer> findReferrers(Handle handle, KeyReference reference, Collection<Long> targetIds) {
        ClassTable table = reference.table();
        String key = reference.column().qualified("o");
        String name = reference.rule() == Rule.BLOCK ? friendlyName(table) : "NULL";
        // Rows that the plan deletes or resets are locked now, so that they cannot change before it is carried out.
        String lock = reference.rule() == Rule.BLOCK ? "" : " FOR UPDATE";
        return handle.createQuery("SELECT o.id, o.finalclass, " + key + ", " + name + " FROM " + table.quotedTableName()
                        + " o WHERE " + key + " = ANY(:targets) AND " + table.classCondition("o") + " ORDER BY o.id"
                        + lock)
                .bind("targets", targetIds.toArray(new Long[0]))
                .map((rows, context) -> new Referrer(rows.getLong(1), rows.getString(2), rows.getLong(3),
                        rows.getString(4) == null ? "" : rows.getString(4)))
                .list();
    }

    /**
     * Returns the SQL of the friendly name of the objects of a class for alias {@code o}: the
     * stored naming attributes of each object's own class joined by spaces, or NULL for a class
     * without a stored naming attribute.
     */
    private String friendlyName(ClassTable table) {
        Map<String, List<String>> classesByExpression = new LinkedHashMap<>();
        for (String finalClass : table.finalClasses()) {
            ClassTable own = mapping.table(finalClass);
            List<String> columns = own.modelClass().namingAttributes().stream()
                    .map(own::column)
                    .flatMap(Optional::stream)
                    .map(column -> column.qualified("o") + "::text")
                    .toList();
            String expression = columns.isEmpty() ? "NULL" : "concat_ws(' ', " + String.join(", ", columns) + ")";
            classesByExpression.computeIfAbsent(expression, e -> new ArrayList<>()).add(finalClass);
        }
        if (classesByExpression.size() == 1) {
            return classesByExpression.keySet().iterator().next();
        }
        StringBuilder sql = new StringBuilder("CASE");
        classesByExpression.forEach((expression, classes) -> sql.append(" WHEN o.finalclass IN (")
                .append(classes.stream().map(SchemaMapping::literal).collect(Collectors.joining(", ")))
                .append(") THEN ").append(expression));
        return sql.append(" END").toString();
    }

    /** Keeps the resets of objects that the plan does not delete, one per object and attribute. */
    private List<KeyReset> survivingResets(List<KeyReset> resets, Map<String, Map<Long, Planned>> planned) {
        Map<String, KeyReset> surviving = new LinkedHashMap<>();
        for (KeyReset reset : resets) {
            String root = mapping.table(reset.className()).rootClassName();
            if (!planned.getOrDefault(root, Map.of()).containsKey(reset.id())) {
                surviving.putIfAbsent(root + "::" + reset.id() + "::" + reset.attCode(), reset);
            }
        }
        return new ArrayList<>(surviving.values());
    }

    /** Keeps the blockers that the plan does not delete, ordered by deleted object then referencing object. */
    private List<Blocker> survivingBlockers(List<Blocker> blockers, Map<String, Map<Long, Planned>> planned) {
        List<Blocker> surviving = new ArrayList<>();
        for (Blocker blocker : blockers) {
            String root = mapping.table(blocker.className()).rootClassName();
            if (!planned.getOrDefault(root, Map.of()).containsKey(blocker.id())) {
                surviving.add(blocker);
            }
        }
        surviving.sort(Comparator.comparing(Blocker::targetClass).thenComparingLong(Blocker::targetId)
                .thenComparing(Blocker::className).thenComparingLong(Blocker::id).thenComparing(Blocker::attCode));
        return surviving;
    }

    /**
     * Lists, for each hierarchy, the stored keys of every class that can point to its objects.
     * A key is listed once, under the class that declares it, whose class condition covers the
     * subclasses.
     */
    private static Map<String, List<KeyReference>> indexReferences(SchemaMapping mapping) {
        Map<String, List<KeyReference>> byRoot = new LinkedHashMap<>();
        Set<String> seen = new java.util.HashSet<>();
        for (ModelClass modelClass : mapping.model().classes()) {
            ClassTable table = mapping.table(modelClass.name());
            for (AttributeDef attribute : modelClass.ownAttributes()) {
                if (!attribute.type().isExternalKey() || attribute.targetClass().isEmpty()
                        || mapping.model().find(attribute.targetClass().get()).isEmpty()) {
                    continue;
                }
                ColumnMapping column = table.column(attribute.code()).orElse(null);
                if (column == null || !seen.add(table.className() + "." + attribute.code())) {
                    continue;
                }
                ClassTable target = mapping.table(attribute.targetClass().get());
                byRoot.computeIfAbsent(target.rootClassName(), root -> new ArrayList<>()).add(new KeyReference(table,
                        column, attribute, target, Set.copyOf(target.finalClasses()), ruleOf(attribute)));
            }
        }
        return byRoot;
    }

    /**
     * Returns the rule of a key. A nullable key is reset whatever it declares, as iTop's deletion
     * plan does, except that a hierarchical key declared DEL_MOVEUP moves up. A mandatory key
     * declared DEL_MOVEUP is deleted, as in iTop. A mandatory key without {@code on_target_delete}
     * blocks the deletion, because that choice never deletes data. The default model declares
     * the option on every key.
     */
    static Rule ruleOf(AttributeDef attribute) {
        OnTargetDelete option = attribute.onTargetDelete().orElse(OnTargetDelete.DEL_MANUAL);
        if (attribute.isNullable()) {
            boolean moveUp = option == OnTargetDelete.DEL_MOVEUP && attribute.type() == AttributeType.HIERARCHICAL_KEY;
            return moveUp ? Rule.MOVE_UP : Rule.RESET;
        }
        return switch (option) {
            case DEL_AUTO, DEL_SILENT, DEL_MOVEUP -> Rule.CASCADE;
            case DEL_MANUAL -> Rule.BLOCK;
        };
    }
}
