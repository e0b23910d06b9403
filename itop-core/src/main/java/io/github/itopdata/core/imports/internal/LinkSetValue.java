package io.github.itopdata.core.imports.internal;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The complete list of links an n:n link-set cell requests, resolved. Each link has the id of
 * the remote object and the values of the link's other attributes.
 *
 * @param remoteKey the external key of the link class that points to the remote object
 * @param links the links, in cell order
 */
record LinkSetValue(String remoteKey, List<Link> links) {

    /** One link: the remote object's id, other attribute values by code, and the link's class. */
    record Link(long remoteId, Map<String, Object> attributes, String linkClass) {
    }

    /** Returns the links in CSV link-set syntax with the remote key by id: {@code 'contact_id:100'|'contact_id:101'}. */
    @Override
    public String toString() {
        return links.stream().map(link -> "'" + remoteKey + ":" + link.remoteId() + "'").collect(Collectors.joining("|"));
    }
}
