package io.github.itopdata.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.itopdata.core.model.Model;
import org.junit.jupiter.api.Test;

class OqlCheckTest {

    private static final Model MODEL = FixtureModel.build();
    private static final OqlCompiler COMPILER = new OqlCompiler(MODEL);

    @Test
    void classQualifierAfterAliasIsUnknownAlias() {
        OqlException error = checkError("SELECT Person AS p WHERE Person.name = 'Quill'");

        assertThat(error.getMessage()).startsWith("Unknown class [alias] - found 'Person' at 25 in ")
                .endsWith(", expecting {p}, I would suggest to use ''");
    }

    @Test
    void misspelledClassSuggestsClosest() {
        OqlException error = checkError("SELECT Persn");

        assertThat(error.issue()).isEqualTo("Unknown class");
        assertThat(error.position()).isEqualTo(7);
        assertThat(error.suggestion()).isEqualTo("Person");
        assertThat(error.getMessage()).startsWith("Unknown class - found 'Persn' at 7 in 'SELECT Persn', expecting {")
                .endsWith("I would suggest to use 'Person'");
        assertThat(error.expected()).contains("Organization", "Server", "lnkPersonToTeam");
    }

    @Test
    void misspelledAttributeSuggestsClosest() {
        OqlException error = checkError("SELECT Person WHERE nmae = 'x'");

        assertThat(error.issue()).isEqualTo("Unknown filter code");
        assertThat(error.position()).isEqualTo(20);
        assertThat(error.suggestion()).isEqualTo("name");
        assertThat(error.withCaret()).endsWith("SELECT Person WHERE nmae = 'x'\n                    ^");
    }

    @Test
    void bareIdWithJoinIsAmbiguous() {
        OqlException error = checkError(
                "SELECT Person AS p JOIN lnkPersonToTeam AS l ON l.person_id = p.id WHERE id = 10");

        assertThat(error.getMessage()).startsWith("Ambiguous filter code - found 'id' at 73");
    }

    @Test
    void bareFieldOfOneAliasIsAccepted() {
        CheckedQuery query = COMPILER.compile(
                "SELECT Person AS p JOIN lnkPersonToTeam AS l ON l.person_id = p.id WHERE first_name = 'Ada'");

        assertThat(query.mainClass().name()).isEqualTo("Person");
    }

    @Test
    void joinRightSideMustBeId() {
        OqlException error = checkError("SELECT Person AS p JOIN lnkPersonToTeam AS l ON p.id = l.person_id");

        assertThat(error.issue()).isEqualTo("Wrong format for Join clause (right hand), expecting an id");
    }

    @Test
    void joinTargetMustFitKey() {
        OqlException error = checkError("SELECT Person AS p JOIN Organization AS o ON p.location_id = o.id");

        assertThat(error.issue()).isEqualTo(
                "The joined class (Organization) is not compatible with the external key, which is pointing to Location");
    }

    @Test
    void treeOperatorNeedsHierarchicalKey() {
        OqlException error = checkError("SELECT Person AS p JOIN Location AS l ON p.location_id BELOW l.id");

        assertThat(error.issue()).isEqualTo("The specified tree operator BELOW is not applicable to the key");
    }

    @Test
    void treeOperatorCheckedOnIncomingJoins() {
        OqlException error = checkError("SELECT Person AS p JOIN lnkPersonToTeam AS l ON l.person_id BELOW p.id");

        assertThat(error.issue()).isEqualTo("The specified tree operator BELOW is not applicable to the key");
    }

    @Test
    void joinKeyMustBeExternalKey() {
        OqlException error = checkError("SELECT Person AS p JOIN Organization AS o ON p.name = o.id");

        assertThat(error.issue()).isEqualTo("Unknown key in join condition (left expression)");
        assertThat(error.expected()).containsExactly("org_id", "location_id");
    }

    @Test
    void joinAliasesMustBeDeclared() {
        OqlException error = checkError("SELECT Person AS p JOIN Organization AS o ON x.org_id = o.id");

        assertThat(error.issue()).isEqualTo("Unknown class in join condition (left expression)");
    }

    @Test
    void duplicateAliasAndClassNameAreRejected() {
        assertThat(checkError("SELECT Organization AS o JOIN Organization AS o ON o.parent_id = o.id").issue())
                .isEqualTo("Duplicate class alias");
        assertThat(checkError("SELECT Organization JOIN Organization ON Organization.parent_id = Organization.id").issue())
                .isEqualTo("Duplicate class name");
    }

    @Test
    void selectedAliasMustBeDeclared() {
        OqlException error = checkError("SELECT p, x FROM Person AS p");

        assertThat(error.getMessage()).startsWith("Unknown class [alias] - found 'x' at 10");
    }

    @Test
    void subclassAttributeIsNotVisibleOnParent() {
        assertThat(checkError("SELECT Contact WHERE first_name = 'Ada'").issue()).isEqualTo("Unknown filter code");
    }

    @Test
    void unionNeedsCommonAncestor() {
        OqlException error = checkError("SELECT Person UNION SELECT Organization");

        assertThat(error.issue()).isEqualTo("Incompatible classes: could not find a common ancestor");
        assertThat(error.text()).isEqualTo("Organization");
    }

    @Test
    void unionResultIsLowestCommonAncestor() {
        CheckedQuery query = COMPILER.compile("SELECT Person UNION SELECT Team");

        assertThat(query.mainClass().name()).isEqualTo("Contact");
        assertThat(query.mainAlias()).isEqualTo("Person");
    }

    @Test
    void unionBranchesNeedSameSelectedCount() {
        assertThat(checkError("SELECT p, o FROM Person AS p JOIN Organization AS o ON p.org_id = o.id UNION SELECT Person").issue())
                .isEqualTo("Too few selected classes in the subquery");
        assertThat(checkError("SELECT Person UNION SELECT p, o FROM Person AS p JOIN Organization AS o ON p.org_id = o.id").issue())
                .isEqualTo("Too many selected classes in the subquery");
    }

    @Test
    void matchesNeedsFieldOnLeft() {
        OqlException error = checkError("SELECT Server WHERE 'db' MATCHES tags");

        assertThat(error.issue()).startsWith("Only \"field MATCHES string\" syntax is allowed");
        assertThat(error.position()).isEqualTo(20);
    }

    @Test
    void matchesNeedsStringOnRight() {
        OqlException error = checkError("SELECT Server WHERE name MATCHES name");

        assertThat(error.issue()).startsWith("Only \"field MATCHES string\" syntax is allowed");
        assertThat(error.text()).isEqualTo("name");
        assertThat(error.position()).isEqualTo(33);
    }

    @Test
    void arithmeticOnComparisonIsRejected() {
        OqlException error = checkError("SELECT Server WHERE cpu_count = 3--1");

        assertThat(error.getMessage()).isEqualTo("Arithmetic on a comparison result at 33: add parentheses, e.g. a = (b - 1)");
    }

    @Test
    void arithmeticInsideParenthesesIsAccepted() {
        assertThat(COMPILER.compile("SELECT Server WHERE cpu_count = (3 - -1) AND cpu_count + 1 = 9").mainAlias())
                .isEqualTo("Server");
    }

    @Test
    void functionArityIsChecked() {
        OqlException error = checkError("SELECT Server WHERE last_scan > DATE_ADD(NOW())");

        assertThat(error.issue()).isEqualTo("Function DATE_ADD expects 2 arguments, got 1");
    }

    @Test
    void parametersAreCollected() {
        CheckedQuery query = COMPILER.compile("SELECT Person WHERE org_id = :org AND id IN (:a, :current_contact_id)");

        assertThat(query.parameters()).containsExactly("org", "a", "current_contact_id");
    }

    @Test
    void innermostScopeWinsInSubquery() {
        CheckedQuery query = COMPILER.compile(
                "SELECT Person AS p WHERE p.org_id IN (SELECT Organization WHERE name = 'x' AND id = p.org_id)");

        assertThat(query.mainAlias()).isEqualTo("p");
    }

    @Test
    void magicCodesAreFilterCodes() {
        CheckedQuery query = COMPILER.compile("SELECT Contact WHERE finalclass = 'Person' AND org_id_friendlyname = 'x'"
                + " AND obsolescence_flag = 0 AND org_id_obsolescence_flag = 0 AND org_name = 'y'");

        assertThat(query.mainClass().name()).isEqualTo("Contact");
    }

    private static OqlException checkError(String query) {
        return catchThrowableOfType(OqlException.class, () -> COMPILER.compile(query));
    }
}
