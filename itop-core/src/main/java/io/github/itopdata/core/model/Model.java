package io.github.itopdata.core.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The set of classes the engines work with. Immutable and safe to share between threads. Class
 * names are case-sensitive, as in iTop.
 */
public final class Model {

    private static final int MAX_SUGGESTIONS = 5;

    private final Map<String, ModelClass> classes;
    private final Map<String, List<ModelClass>> children;

    /**
     * Creates a model from consistent classes: every parent named by a class must be in the list.
     *
     * @throws IllegalArgumentException if two classes share a name or a parent is missing
     */
    public Model(Collection<ModelClass> classes) {
        Map<String, ModelClass> byName = new LinkedHashMap<>();
        for (ModelClass modelClass : classes) {
            if (byName.put(modelClass.name(), modelClass) != null) {
                throw new IllegalArgumentException("Class '" + modelClass.name() + "' is given twice");
            }
        }
        Map<String, List<ModelClass>> childrenByName = new LinkedHashMap<>();
        for (ModelClass modelClass : byName.values()) {
            childrenByName.put(modelClass.name(), new ArrayList<>());
        }
        for (ModelClass modelClass : byName.values()) {
            if (modelClass.parent().isPresent()) {
                List<ModelClass> siblings = childrenByName.get(modelClass.parent().get());
                if (siblings == null) {
                    throw new IllegalArgumentException("Class '" + modelClass.name() + "' has parent '"
                            + modelClass.parent().get() + "', which is not in the model");
                }
                siblings.add(modelClass);
            }
        }
        childrenByName.replaceAll((name, list) -> List.copyOf(list));
        this.classes = Collections.unmodifiableMap(byName);
        this.children = Collections.unmodifiableMap(childrenByName);
    }

    /** Returns every class, in the order the model files define them. */
    public Collection<ModelClass> classes() {
        return classes.values();
    }

    /** Finds a class by its exact (case-sensitive) name. */
    public Optional<ModelClass> find(String className) {
        return Optional.ofNullable(classes.get(className));
    }

    /**
     * Returns the class with this exact name.
     *
     * @throws UnknownClassException if there is none; its message lists the closest names
     */
    public ModelClass get(String className) {
        ModelClass modelClass = classes.get(className);
        if (modelClass == null) {
            throw new UnknownClassException(className, closeNames(className));
        }
        return modelClass;
    }

    /** Returns the classes without a parent, in definition order. */
    public List<ModelClass> rootClasses() {
        return classes.values().stream().filter(c -> c.parent().isEmpty()).toList();
    }

    /** Returns the root of the hierarchy {@code className} belongs to (the class itself for a root). */
    public ModelClass rootOf(String className) {
        ModelClass current = get(className);
        while (current.parent().isPresent()) {
            current = classes.get(current.parent().get());
        }
        return current;
    }

    /** Returns the direct subclasses of {@code className}, in definition order. */
    public List<ModelClass> childClasses(String className) {
        get(className);
        return children.get(className);
    }

    /** Returns every subclass of {@code className} at any depth (not the class itself), parents before children. */
    public List<ModelClass> descendants(String className) {
        List<ModelClass> result = new ArrayList<>();
        for (ModelClass child : childClasses(className)) {
            result.add(child);
            result.addAll(descendants(child.name()));
        }
        return result;
    }

    /** Returns the ancestors of {@code className}, root first, without the class itself. */
    public List<ModelClass> ancestors(String className) {
        List<ModelClass> result = new ArrayList<>();
        ModelClass current = get(className);
        while (current.parent().isPresent()) {
            current = classes.get(current.parent().get());
            result.add(0, current);
        }
        return result;
    }

    /**
     * Tells whether {@code className} is {@code ancestorName} or one of its subclasses at any depth,
     * so that an object of the first class is returned by a query on the second.
     */
    public boolean isSameOrSubclassOf(String className, String ancestorName) {
        ModelClass current = get(className);
        get(ancestorName);
        while (true) {
            if (current.name().equals(ancestorName)) {
                return true;
            }
            if (current.parent().isEmpty()) {
                return false;
            }
            current = classes.get(current.parent().get());
        }
    }

    /** Tells whether the class has at least one subclass, which gives it a {@code finalclass} attribute. */
    public boolean hasSubclasses(String className) {
        return !childClasses(className).isEmpty();
    }

    /**
     * Returns the attribute an external field finally copies, following external fields of
     * external fields; any other attribute is returned as it is.
     *
     * @throws IllegalArgumentException if the chain leads to a class or attribute not in the model
     */
    public AttributeDef resolveExternalField(AttributeDef attribute) {
        AttributeDef current = attribute;
        for (int hops = 0; current.type() == AttributeType.EXTERNAL_FIELD; hops++) {
            if (hops > classes.size()) {
                throw new IllegalArgumentException("External field " + attribute + " refers to itself in a loop");
            }
            String targetClass = current.targetClass().orElseThrow();
            String targetAttCode = current.targetAttCode().orElseThrow();
            AttributeDef from = current;
            current = get(targetClass).attribute(targetAttCode).orElseThrow(() -> new IllegalArgumentException(
                    "External field " + from + " copies " + targetClass + "." + targetAttCode + ", which does not exist"));
        }
        return current;
    }

    /** Returns up to five class names close to {@code className}: same letters in another case first, then by edit distance. */
    public List<String> closeNames(String className) {
        String wanted = className.toLowerCase(Locale.ROOT);
        int threshold = Math.max(2, wanted.length() / 3);
        return classes.keySet().stream()
                .map(name -> Map.entry(name, distance(wanted, name.toLowerCase(Locale.ROOT))))
                .filter(entry -> entry.getValue() <= threshold
                        || entry.getKey().toLowerCase(Locale.ROOT).contains(wanted) && wanted.length() >= 3)
                .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_SUGGESTIONS)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Returns the Levenshtein distance between two strings: the fewest one-character edits from one to the other. */
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

    @Override
    public String toString() {
        return "Model of " + classes.size() + " classes";
    }
}
