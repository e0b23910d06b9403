package io.github.itopdata.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaMappingTest {

    private final SchemaMapping mapping = SchemaMapping.of(TestModels.cmdb());

    @Test
    void hierarchyTablesAreNamedAfterRootClasses() {
        assertThat(mapping.hierarchies()).extracting(HierarchyTable::tableName)
                .containsExactly("obj_organization", "obj_functionalci", "obj_lnkcontacttofunctionalci");
        assertThat(mapping.table("Server").tableName()).isEqualTo("obj_functionalci");
        assertThat(mapping.table("Server").rootClassName()).isEqualTo("FunctionalCI");
    }

    @Test
    void subclassesShareTheRootTable() {
        ClassTable functionalCi = mapping.table("FunctionalCI");

        assertThat(functionalCi.finalClasses()).containsExactly("FunctionalCI", "Server", "VirtualMachine");
        assertThat(functionalCi.classCondition("o")).isEqualTo("TRUE");
        assertThat(mapping.table("Server").classCondition("o")).isEqualTo("o.\"finalclass\" IN ('Server')");
    }

    @Test
    void attributesWithoutColumnAreNotStored() {
        ClassTable server = mapping.table("Server");

        assertThat(server.isStored("organization_name")).isFalse();
        assertThat(server.isStored("contacts_list")).isFalse();
        assertThat(server.column("friendlyname")).isEmpty();
        assertThat(server.column("finalclass")).get().extracting(ColumnMapping::system).isEqualTo(true);
        assertThatThrownBy(() -> server.requireColumn("organization_name"))
                .hasMessageContaining("'organization_name' of class Server is not stored (AttributeExternalField)");
    }

    @Test
    void columnsCarrySqlTypes() {
        ClassTable server = mapping.table("Server");

        assertThat(server.requireColumn("name").ddlType()).isEqualTo("text");
        assertThat(server.requireColumn("org_id").ddlType()).isEqualTo("bigint");
        assertThat(server.requireColumn("ram").ddlType()).isEqualTo("integer");
        assertThat(server.requireColumn("cost").ddlType()).isEqualTo("numeric(10,2)");
        assertThat(server.requireColumn("managed").ddlType()).isEqualTo("boolean");
        assertThat(server.requireColumn("move2production").ddlType()).isEqualTo("date");
        assertThat(server.requireColumn("last_seen").ddlType()).isEqualTo("timestamp");
    }

    @Test
    void sameCodeWithOtherTypesGetsSuffixedColumns() {
        assertThat(mapping.table("Server").requireColumn("cpu").columnName()).isEqualTo("cpu_text");
        assertThat(mapping.table("VirtualMachine").requireColumn("cpu").columnName()).isEqualTo("cpu_integer");
        assertThat(mapping.table("Server").requireColumn("name").columnName()).isEqualTo("name");
    }

    @Test
    void reconciliationKeysGetFoldIndexes() {
        HierarchyTable functionalCi = mapping.hierarchies().get(1);
        HierarchyTable links = mapping.hierarchies().get(2);

        assertThat(functionalCi.foldIndexedColumns()).containsExactly("name");
        assertThat(links.keyIndexedColumns()).containsExactly("functionalci_id", "contact_id");
        assertThat(mapping.hierarchies().get(0).keyIndexedColumns()).containsExactly("parent_id");
    }

    @Test
    void fingerprintChangesWhenModelGrows() {
        SchemaMapping grown = SchemaMapping.of(TestModels.cmdbBuilder()
                .add("Person", null, false, List.of("name"), "name:STRING")
                .build());

        assertThat(grown.fingerprint()).isNotEqualTo(mapping.fingerprint());
        assertThat(SchemaMapping.of(TestModels.cmdb()).fingerprint()).isEqualTo(mapping.fingerprint());
    }
}
