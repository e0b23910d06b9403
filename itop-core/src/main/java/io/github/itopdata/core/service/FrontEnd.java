package io.github.itopdata.core.service;

/** The way a service call reached the product. */
public enum FrontEnd {
    /** The {@code itop} command-line launcher. */
    CLI,
    /** The HTTP endpoint. */
    HTTP,
    /** An application that embeds the library and calls a service directly. */
    API
}
