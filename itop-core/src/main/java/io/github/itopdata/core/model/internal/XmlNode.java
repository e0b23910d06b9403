package io.github.itopdata.core.model.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An element of a model file, with the file and line it came from. Mutable: the delta merge
 * edits a tree of these in place.
 */
final class XmlNode {

    static final String DELTA = "_delta";
    static final String XSI_TYPE = "xsi:type";

    private final String name;
    private final Map<String, String> attributes;
    private final List<XmlNode> children = new ArrayList<>();
    private String text = "";
    private String file;
    private int line;

    XmlNode(String name, Map<String, String> attributes, String file, int line) {
        this.name = name;
        this.attributes = new LinkedHashMap<>(attributes);
        this.file = file;
        this.line = line;
    }

    String name() {
        return name;
    }

    /** Returns the {@code id} attribute, or null. */
    String id() {
        return attributes.get("id");
    }

    String attribute(String attributeName) {
        return attributes.get(attributeName);
    }

    Map<String, String> attributes() {
        return attributes;
    }

    List<XmlNode> children() {
        return children;
    }

    /** Returns the text content, trimmed; empty for an element without text. */
    String text() {
        return text;
    }

    void setText(String value) {
        this.text = value;
    }

    String file() {
        return file;
    }

    int line() {
        return line;
    }

    void setOrigin(String file, int line) {
        this.file = file;
        this.line = line;
    }

    /** Finds the first child with this element name and the same {@code id} (both absent counts as equal). */
    XmlNode findMatching(String childName, String childId) {
        for (XmlNode child : children) {
            if (child.name.equals(childName) && Objects.equals(child.id(), childId)) {
                return child;
            }
        }
        return null;
    }

    /** Finds the first child with this element name. */
    Optional<XmlNode> child(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).findFirst();
    }

    /** Returns the children with this element name, in document order. */
    List<XmlNode> children(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    /** Returns the text of the first child with this name, if that child exists. */
    Optional<String> childText(String childName) {
        return child(childName).map(XmlNode::text);
    }

    /** Returns a copy of this element alone, without children and without delta attributes. */
    XmlNode shallowCopyWithoutDelta() {
        Map<String, String> copiedAttributes = new LinkedHashMap<>(attributes);
        copiedAttributes.remove(DELTA);
        copiedAttributes.remove("_rename_from");
        XmlNode copy = new XmlNode(name, copiedAttributes, file, line);
        copy.text = text;
        return copy;
    }

    /** Returns a deep copy without delta attributes, keeping each node's origin. */
    XmlNode copyWithoutDelta() {
        XmlNode copy = shallowCopyWithoutDelta();
        for (XmlNode child : children) {
            copy.children.add(child.copyWithoutDelta());
        }
        return copy;
    }

    /** Describes the element as in messages: {@code <class id="Server">}. */
    String describe() {
        return "<" + name + (id() == null ? "" : " id=\"" + id() + "\"") + ">";
    }

    @Override
    public String toString() {
        return describe() + " at " + file + ":" + line;
    }
}
