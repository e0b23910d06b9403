package io.github.itopdata.core.model.internal;

import io.github.itopdata.core.model.ModelLoadException;
import java.util.List;

/**
 * Applies a model file onto the tree built from the earlier files, following the {@code _delta}
 * attribute of each element. Elements are matched by element name and {@code id}.
 *
 * <ul>
 *   <li>{@code define}: adds the element; it must not exist yet.</li>
 *   <li>{@code redefine}: replaces the element; it must exist.</li>
 *   <li>{@code force}: replaces the element, or adds it.</li>
 *   <li>{@code define_if_not_exists}: adds the element unless it exists.</li>
 *   <li>{@code delete}: removes the element; it must exist.</li>
 *   <li>{@code delete_if_exists}: removes the element if it exists.</li>
 *   <li>{@code must_exist}: the element must exist; its children are applied to it.</li>
 *   <li>{@code if_exists}: if the element exists its children are applied to it, otherwise the
 *       element is ignored.</li>
 *   <li>no {@code _delta} ({@code merge}): an existing element receives the children (or, for an
 *       element without children, the text); a missing one is added.</li>
 * </ul>
 *
 * <p>An element with {@code _rename_from="old"} first renames the existing element {@code old}
 * to its own id, then its operation applies.
 */
final class DeltaMerger {

    private static final String RENAME_FROM = "_rename_from";

    private DeltaMerger() {
    }

    /** Applies {@code source}, the root of a file, onto {@code target}, the root built so far. */
    static void apply(XmlNode target, XmlNode source) {
        if (!target.name().equals(source.name())) {
            throw new ModelLoadException(source.file(), source.line(), "The root element is <" + source.name()
                    + ">, expected <" + target.name() + "> as in the first file");
        }
        mergeChildren(target, source);
    }

    private static void mergeChildren(XmlNode target, XmlNode source) {
        for (XmlNode child : source.children()) {
            applyChild(target, child);
        }
    }

    private static void applyChild(XmlNode targetParent, XmlNode source) {
        String delta = source.attribute(XmlNode.DELTA);
        String renamedFrom = source.attribute(RENAME_FROM);
        if (renamedFrom != null) {
            rename(targetParent, source, renamedFrom);
        }
        XmlNode existing = targetParent.findMatching(source.name(), source.id());
        List<XmlNode> siblings = targetParent.children();
        switch (delta == null ? "merge" : delta) {
            case "define" -> {
                if (existing != null) {
                    throw failure(source, "cannot be defined because it already exists (defined in "
                            + existing.file() + ", line " + existing.line()
                            + "); use _delta=\"redefine\" to replace it");
                }
                siblings.add(source.copyWithoutDelta());
            }
            case "define_if_not_exists" -> {
                if (existing == null) {
                    siblings.add(source.copyWithoutDelta());
                }
            }
            case "redefine" -> {
                requireExisting(existing, source, "redefined");
                siblings.set(siblings.indexOf(existing), source.copyWithoutDelta());
            }
            case "force" -> {
                if (existing == null) {
                    siblings.add(source.copyWithoutDelta());
                } else {
                    siblings.set(siblings.indexOf(existing), source.copyWithoutDelta());
                }
            }
            case "delete" -> {
                requireExisting(existing, source, "deleted");
                siblings.remove(existing);
            }
            case "delete_if_exists" -> {
                if (existing != null) {
                    siblings.remove(existing);
                }
            }
            case "must_exist" -> {
                requireExisting(existing, source, "changed");
                mergeChildren(existing, source);
            }
            case "if_exists" -> {
                if (existing != null) {
                    mergeChildren(existing, source);
                }
            }
            case "merge" -> merge(siblings, existing, source);
            default -> throw failure(source, "has an unknown _delta value \"" + delta
                    + "\"; expected define, redefine, force, define_if_not_exists, delete, delete_if_exists,"
                    + " must_exist or if_exists");
        }
    }

    /** Gives the element that has the old id the new one, before the element's operation applies. */
    private static void rename(XmlNode targetParent, XmlNode source, String oldId) {
        XmlNode existing = targetParent.findMatching(source.name(), oldId);
        if (existing == null) {
            throw failure(source, "cannot be renamed from \"" + oldId + "\" because no earlier file defines <"
                    + source.name() + " id=\"" + oldId + "\">");
        }
        if (targetParent.findMatching(source.name(), source.id()) != null) {
            throw failure(source, "cannot be renamed from \"" + oldId + "\" because an element with the new id exists");
        }
        existing.attributes().put("id", source.id());
    }

    private static void merge(List<XmlNode> siblings, XmlNode existing, XmlNode source) {
        if (existing == null) {
            // The children keep their own operations: a must_exist inside a new element still fails.
            XmlNode created = source.shallowCopyWithoutDelta();
            siblings.add(created);
            mergeChildren(created, source);
        } else if (source.children().isEmpty()) {
            existing.setText(source.text());
            existing.setOrigin(source.file(), source.line());
        } else {
            mergeChildren(existing, source);
        }
    }

    private static void requireExisting(XmlNode existing, XmlNode source, String verb) {
        if (existing == null) {
            throw failure(source, "cannot be " + verb + " because no earlier file defines it;"
                    + " check the load order of the model files or the element's id");
        }
    }

    private static ModelLoadException failure(XmlNode source, String problem) {
        String delta = source.attribute(XmlNode.DELTA);
        String operation = delta == null ? " " : " (_delta=\"" + delta + "\") ";
        return new ModelLoadException(source.file(), source.line(), source.describe() + operation + problem);
    }
}
