package io.github.itopdata.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.itopdata.core.db.Database;
import io.github.itopdata.core.model.DefaultModel;
import io.github.itopdata.core.model.Model;
import io.github.itopdata.core.testing.PostgresExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class DefaultModelSchemaTest {

    @Test
    void defaultModelGetsItsTables(Database database) {
        Model model = DefaultModel.load();
        SchemaMapping mapping = SchemaMapping.of(model);

        SchemaChanges changes = StoreSchema.apply(database.jdbi(), mapping);

        assertThat(changes.actions()).contains("created table obj_functionalci for FunctionalCI");
        ClassTable server = mapping.table("Server");
        assertThat(server.tableName()).isEqualTo("obj_functionalci");
        assertThat(server.requireColumn("name").columnName()).isEqualTo("name");
        assertThat(server.isStored("organization_name")).isFalse();
        assertThat(mapping.table("FunctionalCI").finalClasses()).contains("Server", "VirtualMachine");
        assertThat(StoreSchema.apply(database.jdbi(), SchemaMapping.of(model)).isEmpty()).isTrue();
    }
}
