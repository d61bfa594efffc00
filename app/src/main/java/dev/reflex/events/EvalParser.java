package dev.reflex.events;

import java.util.ArrayList;
import java.util.List;

/**
 * A recursive-descent parser for the Ruby-like {@code eval:} expressions Sensu filters use, with
 * Ruby's precedence (lowest first): {@code not}/{@code and}/{@code or}, {@code ?:}, {@code ||},
 * {@code &&}, equality and match ({@code == != =~ !~}), comparison ({@code < <= > >=}),
 * {@code + -}, {@code * / %}, unary {@code ! - +}, {@code **}, then method calls and indexing.
 * Nesting is bounded so that no input can exhaust the stack.
 */
final class EvalParser {

    /** The deepest nesting accepted. */
    static final int MAX_DEPTH = 64;

    private final List<EvalLexer.Token> tokens;
    private int pos;
    private int depth;

    private EvalParser(List<EvalLexer.Token> tokens) {
        this.tokens = tokens;
    }

    static EvalNode parse(String source) {
        EvalParser parser = new EvalParser(EvalLexer.tokenize(source));
        EvalNode node = parser.keywordLogic();
        if (parser.peek().kind() != EvalLexer.Kind.END) {
            throw new EvalException("unexpected '" + parser.peek().text() + "' at " + parser.peek().pos());
        }
        return node;
    }

    private EvalLexer.Token peek() {
        return tokens.get(pos);
    }

    private EvalLexer.Token next() {
        return tokens.get(pos++);
    }

    private boolean isOp(String op) {
        EvalLexer.Token t = peek();
        return t.kind() == EvalLexer.Kind.OP && t.text().equals(op);
    }

    private boolean isKeyword(String word) {
        EvalLexer.Token t = peek();
        return t.kind() == EvalLexer.Kind.IDENT && t.text().equals(word);
    }

    private void expect(String op) {
        if (!isOp(op)) {
            throw new EvalException("expected '" + op + "' at " + peek().pos() + ", found '" + peek().text() + "'");
        }
        pos++;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw new EvalException("expression nested too deeply");
        }
    }

    private EvalNode keywordLogic() {
        enter();
        EvalNode left = keywordNot();
        while (isKeyword("and") || isKeyword("or")) {
            boolean and = next().text().equals("and");
            EvalNode right = keywordNot();
            left = and ? new EvalNode.And(left, right) : new EvalNode.Or(left, right);
        }
        depth--;
        return left;
    }

    private EvalNode keywordNot() {
        if (isKeyword("not")) {
            pos++;
            enter();
            EvalNode operand = keywordNot();
            depth--;
            return new EvalNode.Unary("!", operand);
        }
        return conditional();
    }

    private EvalNode conditional() {
        EvalNode condition = or();
        if (isOp("?")) {
            pos++;
            enter();
            EvalNode then = conditional();
            expect(":");
            EvalNode otherwise = conditional();
            depth--;
            return new EvalNode.Conditional(condition, then, otherwise);
        }
        return condition;
    }

    private EvalNode or() {
        EvalNode left = and();
        while (isOp("||")) {
            pos++;
            left = new EvalNode.Or(left, and());
        }
        return left;
    }

    private EvalNode and() {
        EvalNode left = equality();
        while (isOp("&&")) {
            pos++;
            left = new EvalNode.And(left, equality());
        }
        return left;
    }

    private EvalNode equality() {
        EvalNode left = comparison();
        if (isOp("==") || isOp("!=") || isOp("=~") || isOp("!~")) {
            String op = next().text();
            EvalNode right = comparison();
            if (isOp("==") || isOp("!=") || isOp("=~") || isOp("!~")) {
                throw new EvalException("equality operators cannot be chained (at " + peek().pos() + ")");
            }
            return new EvalNode.Binary(op, left, right);
        }
        return left;
    }

    private EvalNode comparison() {
        EvalNode left = additive();
        while (isOp("<") || isOp("<=") || isOp(">") || isOp(">=")) {
            String op = next().text();
            left = new EvalNode.Binary(op, left, additive());
        }
        return left;
    }

    private EvalNode additive() {
        EvalNode left = multiplicative();
        while (isOp("+") || isOp("-")) {
            String op = next().text();
            left = new EvalNode.Binary(op, left, multiplicative());
        }
        return left;
    }

    private EvalNode multiplicative() {
        EvalNode left = unary();
        while (isOp("*") || isOp("/") || isOp("%")) {
            String op = next().text();
            left = new EvalNode.Binary(op, left, unary());
        }
        return left;
    }

    private EvalNode unary() {
        if (isOp("!") || isOp("-") || isOp("+")) {
            String op = next().text();
            enter();
            EvalNode operand = unary();
            depth--;
            return new EvalNode.Unary(op, operand);
        }
        return power();
    }

    private EvalNode power() {
        EvalNode base = postfix();
        if (isOp("**")) {
            pos++;
            enter();
            EvalNode exponent = unary();
            depth--;
            return new EvalNode.Binary("**", base, exponent);
        }
        return base;
    }

    private EvalNode postfix() {
        EvalNode node = primary();
        while (true) {
            if (isOp(".")) {
                pos++;
                EvalLexer.Token name = next();
                if (name.kind() != EvalLexer.Kind.IDENT) {
                    throw new EvalException("expected a method name at " + name.pos());
                }
                List<EvalNode> args = isOp("(") ? arguments() : List.of();
                node = new EvalNode.Call(node, name.text(), args);
            } else if (isOp("[")) {
                pos++;
                enter();
                EvalNode index = keywordLogic();
                depth--;
                expect("]");
                node = new EvalNode.Index(node, index);
            } else {
                return node;
            }
        }
    }

    private List<EvalNode> arguments() {
        expect("(");
        enter();
        List<EvalNode> args = new ArrayList<>();
        if (!isOp(")")) {
            args.add(keywordLogic());
            while (isOp(",")) {
                pos++;
                args.add(keywordLogic());
            }
        }
        expect(")");
        depth--;
        return args;
    }

    private EvalNode primary() {
        EvalLexer.Token t = next();
        switch (t.kind()) {
            case NUMBER, STRING, REGEX, SYMBOL -> {
                return new EvalNode.Literal(t.value());
            }
            case IDENT -> {
                return identifier(t);
            }
            case OP -> {
                if (t.text().equals("(")) {
                    enter();
                    EvalNode inner = keywordLogic();
                    depth--;
                    expect(")");
                    return inner;
                }
                if (t.text().equals("[")) {
                    enter();
                    List<EvalNode> items = new ArrayList<>();
                    if (!isOp("]")) {
                        items.add(keywordLogic());
                        while (isOp(",")) {
                            pos++;
                            items.add(keywordLogic());
                        }
                    }
                    expect("]");
                    depth--;
                    return new EvalNode.ArrayLiteral(items);
                }
                throw new EvalException("unexpected '" + t.text() + "' at " + t.pos());
            }
            default -> throw new EvalException("unexpected end of expression");
        }
    }

    private EvalNode identifier(EvalLexer.Token t) {
        switch (t.text()) {
            case "value" -> {
                return new EvalNode.ValueRef();
            }
            case "true" -> {
                return new EvalNode.Literal(Boolean.TRUE);
            }
            case "false" -> {
                return new EvalNode.Literal(Boolean.FALSE);
            }
            case "nil" -> {
                return new EvalNode.Literal(null);
            }
            case "Time" -> {
                expect(".");
                EvalLexer.Token method = next();
                if (method.kind() == EvalLexer.Kind.IDENT && method.text().equals("now")) {
                    return new EvalNode.TimeNow();
                }
                if (method.kind() == EvalLexer.Kind.IDENT && method.text().equals("at")) {
                    List<EvalNode> args = arguments();
                    if (args.size() != 1) {
                        throw new EvalException("Time.at takes one argument");
                    }
                    return new EvalNode.TimeAt(args.get(0));
                }
                throw new EvalException("only Time.now and Time.at(seconds) are available");
            }
            default -> throw new EvalException("unknown name '" + t.text() + "' at " + t.pos()
                    + " (only value, literals, Time.now and Time.at are available)");
        }
    }
}
