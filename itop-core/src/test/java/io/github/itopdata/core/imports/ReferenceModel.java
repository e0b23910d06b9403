package io.github.itopdata.core.imports;

import io.github.itopdata.core.model.AttributeDef;
import io.github.itopdata.core.model.AttributeType;
import io.github.itopdata.core.model.EnumValue;
import io.github.itopdata.core.model.Model;
import io.github.itopdata.core.model.ModelClass;
import io.github.itopdata.core.model.UniquenessRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The small CMDB model the import's behaviour tests run on: organizations, locations, contacts
 * and persons, functional CIs and servers with a contacts link set, and a gadget class that
 * covers the scalar attribute types.
 */
final class ReferenceModel {

    private ReferenceModel() {
    }

    static Model build() {
        List<ModelClass> classes = new ArrayList<>();
        List<AttributeDef> organization = List.of(
                string("Organization", "name", "Name", false),
                string("Organization", "code", "Code", true),
                activeStatus("Organization", "Status"),
                AttributeDef.builder("parent_id", AttributeType.HIERARCHICAL_KEY).definingClass("Organization")
                        .label("Parent").targetClass("Organization").build());
        classes.add(ModelClass.builder("Organization").ownAttributes(organization).allAttributes(organization)
                .reconciliationKeys(List.of("name", "code")).namingAttributes(List.of("name")).build());

        List<AttributeDef> location = List.of(
                string("Location", "name", "Name", false),
                key("Location", "org_id", "Owner organization", "Organization", false),
                field("Location", "org_name", "Name of the owner organization", "org_id", "name"),
                string("Location", "city", "City", true),
                AttributeDef.builder("person_list", AttributeType.LINKED_SET).definingClass("Location")
                        .label("Persons").linkedSet("Person", "location_id", null).build());
        classes.add(ModelClass.builder("Location").ownAttributes(location).allAttributes(location)
                .reconciliationKeys(List.of("name", "org_id", "org_name")).namingAttributes(List.of("name")).build());

        List<AttributeDef> contact = List.of(
                string("Contact", "name", "Name", false),
                key("Contact", "org_id", "Organization", "Organization", false),
                field("Contact", "org_name", "Organization name", "org_id", "name"),
                AttributeDef.builder("email", AttributeType.EMAIL).definingClass("Contact").label("Email").build(),
                AttributeDef.builder("phone", AttributeType.PHONE).definingClass("Contact").label("Phone").build(),
                activeStatus("Contact", "Status"));
        classes.add(ModelClass.builder("Contact").isAbstract(true).ownAttributes(contact).allAttributes(contact)
                .reconciliationKeys(List.of("name", "org_id", "org_name", "email")).namingAttributes(List.of("name"))
                .build());
        List<AttributeDef> personOwn = List.of(
                string("Person", "first_name", "First Name", false),
                string("Person", "employee_number", "Employee number", true),
                key("Person", "location_id", "Location", "Location", true));
        List<AttributeDef> person = new ArrayList<>();
        for (AttributeDef attribute : contact) {
            person.add(attribute.code().equals("name") ? attribute.toBuilder().label("Last Name").build() : attribute);
        }
        person.addAll(personOwn);
        classes.add(ModelClass.builder("Person").parent("Contact").ownAttributes(personOwn).allAttributes(person)
                .reconciliationKeys(List.of("name", "first_name", "org_id", "org_name", "email", "employee_number"))
                .namingAttributes(List.of("first_name", "name"))
                .uniquenessRules(List.of(new UniquenessRule("unique_active_employee_number", List.of("employee_number"),
                        Optional.of("status = 'active'"), true, false, "Person")))
                .build());

        List<AttributeDef> functionalCi = List.of(
                string("FunctionalCI", "name", "Name", false),
                key("FunctionalCI", "org_id", "Organization", "Organization", false),
                field("FunctionalCI", "organization_name", "Organization name", "org_id", "name"));
        classes.add(ModelClass.builder("FunctionalCI").isAbstract(true).ownAttributes(functionalCi)
                .allAttributes(functionalCi).reconciliationKeys(List.of("name", "org_id", "organization_name"))
                .namingAttributes(List.of("name")).build());
        List<AttributeDef> serverOwn = List.of(
                AttributeDef.builder("status", AttributeType.ENUM).definingClass("Server").label("Status")
                        .enumValues(List.of(new EnumValue("stock", "stock"),
                                new EnumValue("implementation", "implementation"),
                                new EnumValue("production", "production"), new EnumValue("obsolete", "obsolete")))
                        .build(),
                AttributeDef.builder("purchase_date", AttributeType.DATE).definingClass("Server")
                        .label("Purchase date").build(),
                AttributeDef.builder("managementip", AttributeType.IP_ADDRESS).definingClass("Server")
                        .label("Management IP").build(),
                AttributeDef.builder("description", AttributeType.TEXT).definingClass("Server")
                        .label("Description").build(),
                AttributeDef.builder("contacts_list", AttributeType.LINKED_SET_INDIRECT).definingClass("Server")
                        .label("Contacts").linkedSet("lnkContactToFunctionalCI", "functionalci_id", "contact_id")
                        .build());
        List<AttributeDef> server = new ArrayList<>(functionalCi);
        server.addAll(serverOwn);
        classes.add(ModelClass.builder("Server").parent("FunctionalCI").ownAttributes(serverOwn)
                .allAttributes(server).reconciliationKeys(List.of("name", "org_id", "organization_name"))
                .namingAttributes(List.of("name"))
                .uniquenessRules(List.of(new UniquenessRule("unique_management_ip", List.of("managementip"),
                        Optional.empty(), true, false, "Server")))
                .build());

        List<AttributeDef> link = List.of(
                key("lnkContactToFunctionalCI", "functionalci_id", "Functional CI", "FunctionalCI", false),
                key("lnkContactToFunctionalCI", "contact_id", "Contact", "Contact", false));
        classes.add(ModelClass.builder("lnkContactToFunctionalCI").link(true).ownAttributes(link).allAttributes(link)
                .reconciliationKeys(List.of("functionalci_id", "contact_id")).build());

        List<AttributeDef> gadget = List.of(
                string("Gadget", "code", "Code", false),
                string("Gadget", "label", "Label", true),
                AttributeDef.builder("qty", AttributeType.INTEGER).definingClass("Gadget").label("Quantity").build(),
                AttributeDef.builder("price", AttributeType.DECIMAL).definingClass("Gadget").label("Price")
                        .precision(10, 2).build(),
                AttributeDef.builder("enabled", AttributeType.BOOLEAN).definingClass("Gadget").label("Enabled")
                        .build(),
                AttributeDef.builder("since", AttributeType.DATE).definingClass("Gadget").label("Since").build(),
                AttributeDef.builder("seen_at", AttributeType.DATE_TIME).definingClass("Gadget").label("Last seen")
                        .build(),
                AttributeDef.builder("homepage", AttributeType.URL).definingClass("Gadget").label("Home page").build(),
                AttributeDef.builder("level", AttributeType.ENUM).definingClass("Gadget").label("Level")
                        .enumValues(List.of(new EnumValue("low", "Low"), new EnumValue("high", "High"))).build(),
                AttributeDef.builder("journal", AttributeType.CASE_LOG).definingClass("Gadget").label("Journal")
                        .build(),
                AttributeDef.builder("serial", AttributeType.STRING).definingClass("Gadget").label("Serial")
                        .readOnly(true).build(),
                AttributeDef.builder("secret", AttributeType.ONE_WAY_PASSWORD).definingClass("Gadget")
                        .label("Secret").build());
        classes.add(ModelClass.builder("Gadget").ownAttributes(gadget).allAttributes(gadget)
                .reconciliationKeys(List.of("code")).namingAttributes(List.of("code")).build());
        return new Model(classes);
    }

    private static AttributeDef string(String owner, String code, String label, boolean nullable) {
        return AttributeDef.builder(code, AttributeType.STRING).definingClass(owner).label(label).nullable(nullable)
                .build();
    }

    private static AttributeDef activeStatus(String owner, String label) {
        return AttributeDef.builder("status", AttributeType.ENUM).definingClass(owner).label(label).nullable(false)
                .defaultValue("active")
                .enumValues(List.of(new EnumValue("active", "Active"), new EnumValue("inactive", "Inactive"))).build();
    }

    private static AttributeDef key(String owner, String code, String label, String target, boolean nullable) {
        return AttributeDef.builder(code, AttributeType.EXTERNAL_KEY).definingClass(owner).label(label)
                .targetClass(target).nullable(nullable).build();
    }

    private static AttributeDef field(String owner, String code, String label, String key, String remote) {
        return AttributeDef.builder(code, AttributeType.EXTERNAL_FIELD).definingClass(owner).label(label)
                .externalField(key, remote).build();
    }
}
