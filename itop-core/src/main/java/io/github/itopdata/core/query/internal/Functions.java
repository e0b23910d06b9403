package io.github.itopdata.core.query.internal;

import io.github.itopdata.core.query.OqlExpression;
import io.github.itopdata.core.query.internal.Sql.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** SQL for OQL's functions, which keep MySQL's names and meaning. */
final class Functions {

    private Functions() {
    }

    static Sql translate(OqlExpression.FunctionCall call, Function<OqlExpression, Sql> expression, UnaryOperator<Sql> condition) {
        List<Sql> args = new ArrayList<>();
        for (OqlExpression argument : call.arguments()) {
            args.add(argument instanceof OqlExpression.Interval interval ? expression.apply(interval.amount()) : expression.apply(argument));
        }
        switch (call.name()) {
            case "IF":
                return Sql.join(args.get(1).kind(), "(CASE WHEN ", condition.apply(args.get(0)), " THEN ", args.get(1),
                        " ELSE ", args.get(2), " END)");
            case "ELT": {
                List<Object> parts = new ArrayList<>();
                parts.add("(CASE ");
                parts.add(Comparisons.coerce(args.get(0), Kind.NUMBER));
                for (int i = 1; i < args.size(); i++) {
                    parts.add(" WHEN " + i + " THEN ");
                    parts.add(Comparisons.coerce(args.get(i), Kind.TEXT));
                }
                parts.add(" END)");
                return Sql.join(Kind.TEXT, parts.toArray());
            }
            case "COALESCE":
                return Sql.join(args.get(0).kind(), "coalesce(", Sql.list(Kind.TEXT, ", ", args), ")");
            case "ISNULL":
                return Sql.join(Kind.BOOL, "(", args.get(0), " IS NULL)");
            case "CONCAT": {
                // || keeps MySQL's rule that one NULL part makes the whole result NULL.
                List<Sql> parts = args.stream().map(a -> Comparisons.coerce(a, Kind.TEXT)).toList();
                return Sql.join(Kind.TEXT, "(", Sql.list(Kind.TEXT, " || ", parts), ")");
            }
            case "SUBSTR":
                return Sql.join(Kind.TEXT, "substr(", Comparisons.coerce(args.get(0), Kind.TEXT), ", (",
                        Comparisons.coerce(args.get(1), Kind.NUMBER), ")::int",
                        args.size() > 2 ? Sql.join(Kind.TEXT, ", (", Comparisons.coerce(args.get(2), Kind.NUMBER), ")::int") : "",
                        ")");
            case "TRIM":
                return Sql.join(Kind.TEXT, "btrim(", Comparisons.coerce(args.get(0), Kind.TEXT), ")");
            case "DATE":
                return Sql.join(Kind.DATE, "(", dateTime(args.get(0)), ")::date");
            case "DATE_FORMAT":
                return Sql.join(Kind.TEXT, "itop_date_format(", dateTime(args.get(0)), ", ",
                        Comparisons.coerce(args.get(1), Kind.TEXT), ")");
            case "CURRENT_DATE":
                return Sql.of("current_date", Kind.DATE);
            case "NOW":
                return Sql.of("localtimestamp(0)", Kind.DATETIME);
            case "TIME":
                return Sql.join(Kind.TEXT, "((", dateTime(args.get(0)), ")::time)::text");
            case "TO_DAYS":
                return Sql.join(Kind.NUMBER, "(((", dateTime(args.get(0)), ")::date - date '0001-01-01') + 366)");
            case "FROM_DAYS":
                return Sql.join(Kind.DATE, "(date '0001-01-01' + ((", Comparisons.coerce(args.get(0), Kind.NUMBER), ")::int - 366))");
            case "YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND":
                return Sql.join(Kind.NUMBER, "extract(" + call.name().toLowerCase() + " from ", dateTime(args.get(0)), ")::int");
            case "DATE_ADD", "DATE_SUB": {
                OqlExpression.Interval interval = (OqlExpression.Interval) call.arguments().get(1);
                String sign = call.name().equals("DATE_ADD") ? " + " : " - ";
                return Sql.join(Kind.DATETIME, "(", dateTime(args.get(0)), sign, "(", Comparisons.coerce(args.get(1), Kind.NUMBER),
                        ") * interval '1 " + interval.unit().toLowerCase() + "')");
            }
            case "ROUND":
                return Sql.join(Kind.NUMBER, "round((", Comparisons.coerce(args.get(0), Kind.NUMBER), ")::numeric",
                        args.size() > 1 ? Sql.join(Kind.TEXT, ", (", Comparisons.coerce(args.get(1), Kind.NUMBER), ")::int") : "", ")");
            case "FLOOR":
                return Sql.join(Kind.NUMBER, "floor(", Comparisons.coerce(args.get(0), Kind.NUMBER), ")");
            case "INET_ATON":
                return Sql.join(Kind.NUMBER, "itop_inet_aton(", Comparisons.coerce(args.get(0), Kind.TEXT), ")");
            case "INET_NTOA":
                return Sql.join(Kind.TEXT, "itop_inet_ntoa((", Comparisons.coerce(args.get(0), Kind.NUMBER), ")::bigint)");
            default:
                throw new IllegalStateException("Unhandled function " + call.name());
        }
    }

    private static Sql dateTime(Sql value) {
        if (value.kind() == Kind.DATE || value.kind() == Kind.DATETIME) {
            return value;
        }
        return Comparisons.coerce(value, Kind.DATETIME);
    }
}
