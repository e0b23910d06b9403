package io.github.itopdata.core.model.internal;

import io.github.itopdata.core.model.ModelLoadException;
import io.github.itopdata.core.model.ModelSource;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an XML file into a tree of {@link XmlNode}s with the JDK's StAX parser, recording the
 * line of each element. DTDs and external entities are disabled, so a model file cannot make the
 * loader read other files or the network.
 */
final class XmlTreeReader {

    private XmlTreeReader() {
    }

    static XmlNode read(ModelSource source) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        // Prefixed names stay as written, so that xsi:type reads "xsi:type" whatever the namespace setup.
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);

        try (InputStream input = source.open()) {
            XMLStreamReader reader = factory.createXMLStreamReader(input);
            try {
                return readTree(reader, source.name());
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            Location location = e.getLocation();
            int line = location == null ? 0 : location.getLineNumber();
            throw new ModelLoadException(source.name(), Math.max(line, 0),
                    "Malformed XML: " + parserMessage(e) + ". Fix the file and load it again", e);
        } catch (IOException e) {
            throw new ModelLoadException(source.name(), 0, "Cannot read the file: " + e.getMessage(), e);
        }
    }

    private static XmlNode readTree(XMLStreamReader reader, String file) throws XMLStreamException {
        Deque<XmlNode> open = new ArrayDeque<>();
        Deque<StringBuilder> texts = new ArrayDeque<>();
        XmlNode root = null;
        while (reader.hasNext()) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    Map<String, String> attributes = new LinkedHashMap<>();
                    for (int i = 0; i < reader.getAttributeCount(); i++) {
                        attributes.put(attributeName(reader, i), reader.getAttributeValue(i));
                    }
                    XmlNode node = new XmlNode(elementName(reader), attributes, file,
                            reader.getLocation().getLineNumber());
                    if (open.isEmpty()) {
                        root = node;
                    } else {
                        open.peek().children().add(node);
                    }
                    open.push(node);
                    texts.push(new StringBuilder());
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!texts.isEmpty()) {
                        texts.peek().append(reader.getText());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    XmlNode node = open.pop();
                    node.setText(texts.pop().toString().strip());
                }
                default -> {
                    // Comments, processing instructions and the document end carry no model content.
                }
            }
        }
        if (root == null) {
            throw new XMLStreamException("the file holds no element");
        }
        return root;
    }

    private static String elementName(XMLStreamReader reader) {
        String prefix = reader.getPrefix();
        String local = reader.getLocalName();
        return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
    }

    private static String attributeName(XMLStreamReader reader, int index) {
        String prefix = reader.getAttributePrefix(index);
        String local = reader.getAttributeLocalName(index);
        return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
    }

    /** Removes the parser's own position prefix, since the exception message gives file and line. */
    private static String parserMessage(XMLStreamException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int marker = message.indexOf("Message: ");
        return (marker >= 0 ? message.substring(marker + "Message: ".length()) : message).strip();
    }
}
