package io.github.itopdata.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.itopdata.core.query.OqlExpression.Operation;
import org.junit.jupiter.api.Test;

class OqlParserTest {

    @Test
    void lowerCaseKeywordIsAName() {
        OqlException error = parseError("SELECT Person WHERE name like 'T%'");

        assertThat(error.getMessage()).startsWith("Unexpected token NAME - found 'like' at 25 in 'SELECT Person WHERE");
        assertThat(error.position()).isEqualTo(25);
    }

    @Test
    void doubleEqualsReportsSecondEquals() {
        OqlException error = parseError("SELECT Person WHERE name == 'x'");

        assertThat(error.getMessage()).startsWith("Unexpected token EQ - found '=' at 26 in ");
    }

    @Test
    void diamondIsLessThenGreater() {
        OqlException error = parseError("SELECT Person WHERE name <> 'x'");

        assertThat(error.getMessage()).startsWith("Unexpected token GT - found '>' at 26 in ");
    }

    @Test
    void percentIsLexicalError() {
        OqlException error = parseError("SELECT Server WHERE cpu_count % 2 = 0");

        assertThat(error.kind()).isEqualTo(OqlException.Kind.LEXICAL);
        assertThat(error.getMessage()).isEqualTo("Unexpected input at line 1: %");
        assertThat(error.position()).isEqualTo(30);
        assertThat(error.withCaret()).isEqualTo("""
                Unexpected input at line 1: %
                SELECT Server WHERE cpu_count % 2 = 0
                                              ^""");
    }

    @Test
    void lexicalErrorCountsLines() {
        OqlException error = parseError("SELECT Server\nWHERE a ? 1");

        assertThat(error.getMessage()).isEqualTo("Unexpected input at line 2: ?");
        assertThat(error.withCaret()).endsWith("WHERE a ? 1\n        ^");
    }

    @Test
    void doubleMinusIsNegativeLiteral() {
        OqlQuery query = Oql.parse("SELECT Server WHERE cpu_count = 3--1");

        Operation where = (Operation) query.branches().get(0).where();
        assertThat(where.operators()).extracting(o -> o.operator()).containsExactly(OqlOperator.EQUALS, OqlOperator.MINUS);
        assertThat(where.operands().get(2)).isEqualTo(new OqlExpression.Literal(OqlExpression.LiteralKind.INTEGER, "-1", 34));
    }

    @Test
    void unaryPlusIsSyntaxError() {
        OqlException error = parseError("SELECT Server WHERE cpu_count = (3++1)");

        assertThat(error.getMessage()).startsWith("Unexpected token MATH_PLUS - found '+' at 35");
    }

    @Test
    void unaryMinusOnFieldIsSyntaxError() {
        OqlException error = parseError("SELECT Server WHERE -cpu_count = 1");

        assertThat(error.getMessage()).startsWith("Unexpected token NAME - found 'cpu_count' at 21");
    }

    @Test
    void stringEscapesAreDecoded() {
        OqlQuery query = Oql.parse("SELECT Organization WHERE code = \"B\\\"F\" OR code = 'it\\'s \"x\" \\\\'");

        Operation or = (Operation) query.branches().get(0).where();
        Operation first = (Operation) or.operands().get(0);
        Operation second = (Operation) or.operands().get(1);
        assertThat(((OqlExpression.Literal) first.operands().get(1)).value()).isEqualTo("B\"F");
        assertThat(((OqlExpression.Literal) second.operands().get(1)).value()).isEqualTo("it's \"x\" \\");
    }

    @Test
    void unknownEscapeIsLexicalErrorAtQuote() {
        OqlException error = parseError("SELECT Organization WHERE code = \"blah \\ x\"");

        assertThat(error.getMessage()).isEqualTo("Unexpected input at line 1: \"");
        assertThat(error.position()).isEqualTo(33);
    }

    @Test
    void unterminatedStringIsLexicalError() {
        OqlException error = parseError("SELECT Organization WHERE code = 'abc");

        assertThat(error.getMessage()).isEqualTo("Unexpected input at line 1: '");
    }

    @Test
    void andBindsTighterThanOr() {
        OqlQuery query = Oql.parse("SELECT Organization WHERE name = 'Old Harbor Co' OR code = 'NWL' AND status = 'active'");

        Operation or = (Operation) query.branches().get(0).where();
        assertThat(or.operators()).extracting(o -> o.operator()).containsExactly(OqlOperator.OR);
        Operation and = (Operation) or.operands().get(1);
        assertThat(and.operators()).extracting(o -> o.operator()).containsExactly(OqlOperator.AND);
    }

    @Test
    void inBindsTighterThanAnd() {
        OqlQuery query = Oql.parse("SELECT Server WHERE a = 1 AND b IN (1, 2)");

        Operation and = (Operation) query.branches().get(0).where();
        assertThat(and.operands().get(1)).isInstanceOf(OqlExpression.InList.class);
    }

    @Test
    void bareExpressionIsNotQuery() {
        OqlException error = parseError("name = 'x'");

        assertThat(error.issue()).isEqualTo("Expecting an OQL query");
    }

    @Test
    void endOfInputNamesLengthAndExpectation() {
        OqlException error = parseError("SELECT Person WHERE");

        assertThat(error.getMessage()).startsWith("Unexpected end of query at 19: expecting");
        assertThat(error.position()).isEqualTo(19);
    }

    @Test
    void multiWordTokensAcceptAnyWhitespace() {
        OqlQuery query = Oql.parse("SELECT Person WHERE name NOT \t LIKE 'a%' AND id NOT\nIN (1)");

        Operation and = (Operation) query.branches().get(0).where();
        Operation like = (Operation) and.operands().get(0);
        assertThat(like.operators().get(0).operator()).isEqualTo(OqlOperator.NOT_LIKE);
        assertThat(((OqlExpression.InList) and.operands().get(1)).negated()).isTrue();
    }

    @Test
    void selectedPrefixIsAName() {
        OqlQuery query = Oql.parse("SELECT SELECTED");

        assertThat(query.branches().get(0).from().className().text()).isEqualTo("SELECTED");
    }

    @Test
    void backQuotedNameMayBeKeyword() {
        OqlQuery query = Oql.parse("SELECT `SELECT` AS `FROM` WHERE `FROM`.`day` = 1");

        assertThat(query.branches().get(0).from().aliasName()).isEqualTo("FROM");
    }

    @Test
    void joinsAndAliasesAreRead() {
        OqlQuery query = Oql.parse(
                "SELECT p, o FROM Person AS p JOIN Organization AS o ON p.org_id = o.id"
                        + " JOIN Organization AS r ON o.parent_id NOT BELOW STRICT r.id WHERE o.code = 'BFS'");

        OqlQuery.Select select = query.branches().get(0);
        assertThat(select.selected()).extracting(OqlQuery.Name::text).containsExactly("p", "o");
        assertThat(select.joins()).extracting(OqlQuery.Join::operator)
                .containsExactly(OqlQuery.JoinOperator.EQUALS, OqlQuery.JoinOperator.NOT_BELOW_STRICT);
    }

    @Test
    void unionAndSubqueryAreRead() {
        OqlQuery query = Oql.parse("SELECT Person WHERE org_id IN (SELECT Organization UNION SELECT Organization AS o) UNION SELECT Team");

        assertThat(query.branches()).hasSize(2);
        OqlExpression.InList in = (OqlExpression.InList) query.branches().get(0).where();
        assertThat(in.subquery().branches()).hasSize(2);
    }

    @Test
    void functionsAndIntervalsAreRead() {
        OqlQuery query = Oql.parse("SELECT Server WHERE last_scan > DATE_SUB('2024-05-03 00:00:00', INTERVAL 1 DAY) AND NOW() > 0");

        Operation and = (Operation) query.branches().get(0).where();
        Operation greater = (Operation) and.operands().get(0);
        OqlExpression.FunctionCall call = (OqlExpression.FunctionCall) greater.operands().get(1);
        assertThat(call.name()).isEqualTo("DATE_SUB");
        assertThat(call.arguments().get(1)).isEqualTo(
                new OqlExpression.Interval(new OqlExpression.Literal(OqlExpression.LiteralKind.INTEGER, "1", 73), "DAY", 64));
    }

    @Test
    void unknownFunctionIsSyntaxError() {
        OqlException error = parseError("SELECT Server WHERE SLEEP(10) = 0");

        assertThat(error.getMessage()).startsWith("Unexpected token PAR_OPEN - found '(' at 25");
    }

    @Test
    void parametersWithArrowAreRead() {
        OqlQuery query = Oql.parse("SELECT Person WHERE org_id = :current_contact->org_id");

        Operation equals = (Operation) query.branches().get(0).where();
        assertThat(equals.operands().get(1)).isEqualTo(new OqlExpression.Parameter("current_contact", "org_id", 29));
    }

    @Test
    void thousandNestedParenthesesParse() {
        String query = "SELECT Person WHERE " + "(".repeat(1000) + "id = 1" + ")".repeat(1000);

        assertThat(Oql.parse(query).branches()).hasSize(1);
    }

    @Test
    void thousandAndOneNestedParenthesesAreRejected() {
        String query = "SELECT Person WHERE " + "(".repeat(1001) + "id = 1" + ")".repeat(1001);

        OqlException error = parseError(query);

        assertThat(error.getMessage()).isEqualTo("query too deeply nested");
        assertThat(error.position()).isEqualTo(20 + 1000);
    }

    @Test
    void thousandNestedSubqueriesParse() {
        assertThat(Oql.parse(nestedSubqueries(1000)).branches()).hasSize(1);
    }

    @Test
    void thousandAndOneNestedSubqueriesAreRejected() {
        assertThat(parseError(nestedSubqueries(1001)).getMessage()).isEqualTo("query too deeply nested");
    }

    @Test
    void hundredThousandNestedParenthesesAreRejectedWithoutOverflow() {
        String query = "SELECT Person WHERE " + "(".repeat(100_000) + "id = 1" + ")".repeat(100_000);

        assertThat(parseError(query).getMessage()).isEqualTo("query too deeply nested");
    }

    @Test
    void longFlatChainsParse() {
        StringBuilder condition = new StringBuilder("id = 0");
        for (int i = 1; i < 10_000; i++) {
            condition.append(i % 2 == 0 ? " AND " : " OR ").append("id = ").append(i);
        }
        StringBuilder union = new StringBuilder("SELECT Person");
        for (int i = 0; i < 500; i++) {
            union.append(" UNION SELECT Person");
        }

        assertThat(Oql.parse("SELECT Person WHERE " + condition).branches()).hasSize(1);
        assertThat(Oql.parse(union.toString()).branches()).hasSize(501);
    }

    private static String nestedSubqueries(int levels) {
        return "SELECT Person WHERE id IN (".repeat(levels) + "SELECT Person" + ")".repeat(levels);
    }

    static OqlException parseError(String query) {
        return catchThrowableOfType(OqlException.class, () -> Oql.parse(query));
    }

    @Test
    void emptyQueryExpectsSelect() {
        assertThatThrownBy(() -> Oql.parse("  ")).isInstanceOf(OqlException.class)
                .hasMessage("Unexpected end of query at 2: expecting SELECT");
    }
}
