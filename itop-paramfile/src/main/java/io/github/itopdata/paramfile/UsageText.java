package io.github.itopdata.paramfile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The usage text of a service in iTop's layout: {@code USAGE:}, an empty line, then one line per
 * argument, either {@code <name> = <description>, mandatory} or
 * {@code <name> = <description>, optional, defaults to [<default>]}. The same declaration gives
 * the set of argument names the service accepts, so the two cannot drift apart.
 */
public final class UsageText {

    private final List<String> lines;
    private final Set<String> names;

    private UsageText(List<String> lines, Set<String> names) {
        this.lines = List.copyOf(lines);
        this.names = Collections.unmodifiableSet(new LinkedHashSet<>(names));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Returns the declared argument names, in declaration order. */
    public Set<String> names() {
        return names;
    }

    /** Returns the text: {@code USAGE:}, an empty line, one line per argument, each ending with a newline. */
    public String render() {
        StringBuilder text = new StringBuilder("USAGE:\n\n");
        for (String line : lines) {
            text.append(line).append('\n');
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return render();
    }

    /** Declares the arguments in the order the usage text lists them. */
    public static final class Builder {

        private final List<String> lines = new ArrayList<>();
        private final Set<String> names = new LinkedHashSet<>();

        private Builder() {
        }

        /** Adds {@code <name> = <description>, mandatory}. */
        public Builder mandatory(String name, String description) {
            return add(name, name + " = " + description + ", mandatory");
        }

        /** Adds {@code <name> = <description>, optional, defaults to [<defaultValue>]}. */
        public Builder optional(String name, String description, String defaultValue) {
            return add(name, name + " = " + description + ", optional, defaults to [" + defaultValue + "]");
        }

        /** Declares a known argument that the usage text does not list, such as a file-only parameter. */
        public Builder unlisted(String name) {
            names.add(name);
            return this;
        }

        private Builder add(String name, String line) {
            if (!names.add(name)) {
                throw new IllegalArgumentException("Argument '" + name + "' is declared twice in the usage text");
            }
            lines.add(line);
            return this;
        }

        public UsageText build() {
            return new UsageText(lines, names);
        }
    }
}
