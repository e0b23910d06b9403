package io.github.itopdata.core.query;

/**
 * Parameters that every query may use without an argument: {@code :current_contact_id},
 * {@code :current_user->attcode} and {@code :current_contact->attcode}.
 */
public final class BuiltInParameters {

    private BuiltInParameters() {
    }

    /** Tells whether {@code parameter} (written without its colon) is bound by the engine. */
    public static boolean isBuiltIn(String parameter) {
        return parameter.equals("current_contact_id") || parameter.startsWith("current_user->")
                || parameter.startsWith("current_contact->");
    }
}
