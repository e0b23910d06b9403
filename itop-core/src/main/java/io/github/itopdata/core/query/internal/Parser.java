package io.github.itopdata.core.query.internal;

import io.github.itopdata.core.query.OqlException;
import io.github.itopdata.core.query.OqlExpression;
import io.github.itopdata.core.query.OqlExpression.Field;
import io.github.itopdata.core.query.OqlExpression.Literal;
import io.github.itopdata.core.query.OqlExpression.LiteralKind;
import io.github.itopdata.core.query.OqlExpression.OperatorAt;
import io.github.itopdata.core.query.OqlOperator;
import io.github.itopdata.core.query.OqlQuery;
import io.github.itopdata.core.query.OqlQuery.ClassRef;
import io.github.itopdata.core.query.OqlQuery.Join;
import io.github.itopdata.core.query.OqlQuery.JoinOperator;
import io.github.itopdata.core.query.OqlQuery.Name;
import io.github.itopdata.core.query.OqlQuery.Select;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Recursive-descent parser for OQL statements.
 *
 * <p>Binary operators are read with an operator stack (at most one entry per precedence level),
 * so flat chains ({@code a AND b AND ...}, many UNION branches) use no extra Java stack. Only
 * nesting recurses: parentheses, function calls and {@code IN (...)} lists and sub-queries. Each
 * counts one level, and more than {@link #MAX_NESTING} levels raise {@code query too deeply
 * nested} before the Java stack can overflow.
 */
public final class Parser {

    /** Deepest nesting of parentheses, function calls and IN lists that a query may have. */
    public static final int MAX_NESTING = 1000;

    private static final Map<TokenType, OqlOperator> BINARY = new EnumMap<>(TokenType.class);
    private static final Map<TokenType, JoinOperator> JOIN_OPERATORS = new EnumMap<>(TokenType.class);

    static {
        BINARY.put(TokenType.MATH_MULTIPLY, OqlOperator.MULTIPLY);
        BINARY.put(TokenType.MATH_DIVIDE, OqlOperator.DIVIDE);
        BINARY.put(TokenType.BITWISE_LEFT_SHIFT, OqlOperator.LEFT_SHIFT);
        BINARY.put(TokenType.BITWISE_RIGHT_SHIFT, OqlOperator.RIGHT_SHIFT);
        BINARY.put(TokenType.EQ, OqlOperator.EQUALS);
        BINARY.put(TokenType.NOT_EQ, OqlOperator.NOT_EQUALS);
        BINARY.put(TokenType.LT, OqlOperator.LESS);
        BINARY.put(TokenType.GT, OqlOperator.GREATER);
        BINARY.put(TokenType.LE, OqlOperator.LESS_OR_EQUAL);
        BINARY.put(TokenType.GE, OqlOperator.GREATER_OR_EQUAL);
        BINARY.put(TokenType.MATH_PLUS, OqlOperator.PLUS);
        BINARY.put(TokenType.MATH_MINUS, OqlOperator.MINUS);
        BINARY.put(TokenType.LIKE, OqlOperator.LIKE);
        BINARY.put(TokenType.NOT_LIKE, OqlOperator.NOT_LIKE);
        BINARY.put(TokenType.REGEXP, OqlOperator.REGEXP);
        BINARY.put(TokenType.MATCHES, OqlOperator.MATCHES);
        BINARY.put(TokenType.LOG_AND, OqlOperator.AND);
        BINARY.put(TokenType.BITWISE_AND, OqlOperator.BIT_AND);
        BINARY.put(TokenType.LOG_OR, OqlOperator.OR);
        BINARY.put(TokenType.BITWISE_OR, OqlOperator.BIT_OR);
        BINARY.put(TokenType.BITWISE_XOR, OqlOperator.BIT_XOR);

        JOIN_OPERATORS.put(TokenType.EQ, JoinOperator.EQUALS);
        JOIN_OPERATORS.put(TokenType.BELOW, JoinOperator.BELOW);
        JOIN_OPERATORS.put(TokenType.BELOW_STRICT, JoinOperator.BELOW_STRICT);
        JOIN_OPERATORS.put(TokenType.NOT_BELOW, JoinOperator.NOT_BELOW);
        JOIN_OPERATORS.put(TokenType.NOT_BELOW_STRICT, JoinOperator.NOT_BELOW_STRICT);
        JOIN_OPERATORS.put(TokenType.ABOVE, JoinOperator.ABOVE);
        JOIN_OPERATORS.put(TokenType.ABOVE_STRICT, JoinOperator.ABOVE_STRICT);
        JOIN_OPERATORS.put(TokenType.NOT_ABOVE, JoinOperator.NOT_ABOVE);
        JOIN_OPERATORS.put(TokenType.NOT_ABOVE_STRICT, JoinOperator.NOT_ABOVE_STRICT);
    }

    private final String query;
    private final List<Token> tokens;
    private int index;
    private int depth;

    private Parser(String query) {
        this.query = query;
        this.tokens = Lexer.tokenize(query);
    }

    /** Parses a whole OQL statement, raising an {@link OqlException} for anything else. */
    public static OqlQuery parse(String query) {
        return new Parser(query).statementToEnd();
    }

    private OqlQuery statementToEnd() {
        if (peek().type() != TokenType.SELECT) {
            rejectBareExpression();
        }
        OqlQuery statement = statement();
        expect(TokenType.END, "the end of the query");
        return statement;
    }

    /** A bare expression parses but is not a query; anything else gets its own syntax error. */
    private void rejectBareExpression() {
        Token first = peek();
        if (first.type() == TokenType.END) {
            throw OqlException.endOfQuery(query, "SELECT");
        }
        expression();
        expect(TokenType.END, "the end of the query");
        throw new OqlException(OqlException.Kind.SYNTAX, "Expecting an OQL query", first.text(), first.position(), query);
    }

    private OqlQuery statement() {
        List<Select> branches = new ArrayList<>();
        branches.add(select());
        while (peek().type() == TokenType.UNION) {
            advance();
            branches.add(select());
        }
        return new OqlQuery(query, List.copyOf(branches));
    }

    private Select select() {
        Token selectToken = expect(TokenType.SELECT, "SELECT");
        Name first = name("a class name");
        List<Name> selected = new ArrayList<>();
        ClassRef from;
        if (peek().type() == TokenType.COMA || peek().type() == TokenType.FROM) {
            selected.add(first);
            while (peek().type() == TokenType.COMA) {
                advance();
                selected.add(name("an alias"));
            }
            expect(TokenType.FROM, "FROM");
            from = classRef(name("a class name"));
        } else {
            from = classRef(first);
        }
        List<Join> joins = new ArrayList<>();
        while (peek().type() == TokenType.JOIN) {
            joins.add(join());
        }
        OqlExpression where = null;
        if (peek().type() == TokenType.WHERE) {
            advance();
            where = expression();
        }
        return new Select(List.copyOf(selected), from, List.copyOf(joins), where, selectToken.position());
    }

    private ClassRef classRef(Name className) {
        if (peek().type() == TokenType.AS_ALIAS) {
            advance();
            return new ClassRef(className, name("an alias"));
        }
        return new ClassRef(className, null);
    }

    private Join join() {
        advance();
        ClassRef target = classRef(name("a class name"));
        expect(TokenType.ON, "ON");
        Field left = field(nameToken("a field"));
        Token operatorToken = peek();
        JoinOperator operator = JOIN_OPERATORS.get(operatorToken.type());
        if (operator == null) {
            throw unexpected(operatorToken, "a join operator");
        }
        advance();
        Field right = field(nameToken("a field"));
        return new Join(target, left, operator, operatorToken.position(), right);
    }

    /** Reads an expression: operands separated by binary operators, reduced by precedence. */
    private OqlExpression expression() {
        List<Object> operands = new ArrayList<>();
        List<OperatorAt> operators = new ArrayList<>();
        operands.add(primary());
        while (BINARY.containsKey(peek().type())) {
            Token token = advance();
            OperatorAt operator = new OperatorAt(BINARY.get(token.type()), token.position());
            while (!operators.isEmpty() && last(operators).operator().level() <= operator.operator().level()) {
                reduce(operands, operators);
            }
            operators.add(operator);
            operands.add(primary());
        }
        while (!operators.isEmpty()) {
            reduce(operands, operators);
        }
        return freeze(operands.get(0));
    }

    /** Combines the last two operands with the last operator, extending a chain of the same level. */
    private static void reduce(List<Object> operands, List<OperatorAt> operators) {
        OperatorAt operator = operators.remove(operators.size() - 1);
        Object right = operands.remove(operands.size() - 1);
        Object left = operands.remove(operands.size() - 1);
        if (left instanceof Chain chain && chain.level == operator.operator().level()) {
            chain.operators.add(operator);
            chain.operands.add(right);
            operands.add(chain);
            return;
        }
        Chain chain = new Chain(operator.operator().level());
        chain.operands.add(left);
        chain.operands.add(right);
        chain.operators.add(operator);
        operands.add(chain);
    }

    /** Turns pending chains (at most one per precedence level deep) into immutable operations. */
    private static OqlExpression freeze(Object operand) {
        if (operand instanceof OqlExpression expression) {
            return expression;
        }
        Chain chain = (Chain) operand;
        List<OqlExpression> frozen = new ArrayList<>(chain.operands.size());
        for (Object each : chain.operands) {
            frozen.add(freeze(each));
        }
        return new OqlExpression.Operation(List.copyOf(frozen), List.copyOf(chain.operators));
    }

    private OqlExpression primary() {
        OqlExpression value = atom();
        while (peek().type() == TokenType.IN || peek().type() == TokenType.NOT_IN) {
            Token operator = advance();
            value = inList(value, operator);
        }
        return value;
    }

    private OqlExpression inList(OqlExpression value, Token operator) {
        boolean negated = operator.type() == TokenType.NOT_IN;
        Token open = expect(TokenType.PAR_OPEN, "'('");
        enter(open);
        try {
            if (peek().type() == TokenType.SELECT) {
                OqlQuery subquery = statement();
                expect(TokenType.PAR_CLOSE, "')'");
                return new OqlExpression.InList(value, negated, List.of(), subquery, operator.position());
            }
            List<OqlExpression> values = new ArrayList<>();
            values.add(expression());
            while (peek().type() == TokenType.COMA) {
                advance();
                values.add(expression());
            }
            expect(TokenType.PAR_CLOSE, "')'");
            return new OqlExpression.InList(value, negated, List.copyOf(values), null, operator.position());
        } finally {
            depth--;
        }
    }

    private OqlExpression atom() {
        Token token = peek();
        switch (token.type()) {
            case NUMVAL:
                advance();
                return new Literal(LiteralKind.INTEGER, token.value(), token.position());
            case HEXVAL:
                advance();
                return new Literal(LiteralKind.HEX, token.value(), token.position());
            case STRVAL:
                advance();
                return new Literal(LiteralKind.STRING, token.value(), token.position());
            case NULL_VAL:
                advance();
                return new Literal(LiteralKind.NULL, null, token.position());
            case MATH_MINUS:
                advance();
                Token digits = expect(TokenType.NUMVAL, "an integer");
                return new Literal(LiteralKind.INTEGER, "-" + digits.value(), token.position());
            case NAME:
                advance();
                return field(token);
            case VARNAME:
                advance();
                return parameter(token);
            case PAR_OPEN:
                return parenthesized();
            default:
                if (token.type().isFunction()) {
                    return functionCall();
                }
                throw unexpected(token, "a value, a field, a parameter, a function or '('");
        }
    }

    private OqlExpression parenthesized() {
        Token open = advance();
        enter(open);
        try {
            OqlExpression inner = expression();
            expect(TokenType.PAR_CLOSE, "')'");
            return new OqlExpression.Parenthesized(inner, open.position());
        } finally {
            depth--;
        }
    }

    private OqlExpression functionCall() {
        Token name = advance();
        Token open = expect(TokenType.PAR_OPEN, "'(' after " + name.text());
        enter(open);
        try {
            List<OqlExpression> arguments = new ArrayList<>();
            if (peek().type() != TokenType.PAR_CLOSE) {
                arguments.add(argument());
                while (peek().type() == TokenType.COMA) {
                    advance();
                    arguments.add(argument());
                }
            }
            expect(TokenType.PAR_CLOSE, "')'");
            return new OqlExpression.FunctionCall(name.type().functionName(), List.copyOf(arguments), name.position());
        } finally {
            depth--;
        }
    }

    private OqlExpression argument() {
        if (peek().type() != TokenType.INTERVAL) {
            return expression();
        }
        Token interval = advance();
        OqlExpression amount = expression();
        Token unit = peek();
        switch (unit.type()) {
            case F_SECOND, F_MINUTE, F_HOUR, F_DAY, F_MONTH, F_YEAR -> advance();
            default -> throw unexpected(unit, "a unit: SECOND, MINUTE, HOUR, DAY, MONTH or YEAR");
        }
        return new OqlExpression.Interval(amount, unit.type().functionName(), interval.position());
    }

    private Field field(Token first) {
        if (peek().type() == TokenType.DOT) {
            advance();
            Token code = nameToken("an attribute code");
            return new Field(first.value(), code.value(), first.position(), code.position());
        }
        return new Field(null, first.value(), first.position(), first.position());
    }

    private static OqlExpression parameter(Token token) {
        String value = token.value();
        int arrow = value.indexOf("->");
        if (arrow < 0) {
            return new OqlExpression.Parameter(value, null, token.position());
        }
        return new OqlExpression.Parameter(value.substring(0, arrow), value.substring(arrow + 2), token.position());
    }

    private void enter(Token open) {
        depth++;
        if (depth > MAX_NESTING) {
            throw OqlException.tooDeeplyNested(query, open.position());
        }
    }

    private Name name(String expecting) {
        Token token = nameToken(expecting);
        return new Name(token.value(), token.position());
    }

    private Token nameToken(String expecting) {
        return expect(TokenType.NAME, expecting);
    }

    private Token expect(TokenType type, String expecting) {
        Token token = peek();
        if (token.type() != type) {
            throw unexpected(token, expecting);
        }
        return advance();
    }

    private OqlException unexpected(Token token, String expecting) {
        if (token.type() == TokenType.END) {
            return OqlException.endOfQuery(query, expecting);
        }
        return new OqlException(OqlException.Kind.SYNTAX, "Unexpected token " + token.type().name(), token.text(),
                token.position(), query);
    }

    private Token peek() {
        return tokens.get(index);
    }

    private Token advance() {
        Token token = tokens.get(index);
        if (token.type() != TokenType.END) {
            index++;
        }
        return token;
    }

    private static <T> T last(List<T> list) {
        return list.get(list.size() - 1);
    }

    /** An operation still being built: operands are expressions or other chains. */
    private static final class Chain {
        final int level;
        final List<Object> operands = new ArrayList<>();
        final List<OperatorAt> operators = new ArrayList<>();

        Chain(int level) {
            this.level = level;
        }
    }
}
