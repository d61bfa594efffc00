package dev.reflex.events;

import java.util.List;

/** The syntax tree of an {@code eval:} expression; evaluated by {@link EvalRuntime}. */
sealed interface EvalNode {

    /** A number, string, symbol (as a string), regex, boolean or nil. */
    record Literal(Object value) implements EvalNode {
    }

    /** The attribute value the expression is evaluated against ({@code value}). */
    record ValueRef() implements EvalNode {
    }

    /** {@code [a, b, c]}. */
    record ArrayLiteral(List<EvalNode> items) implements EvalNode {
    }

    /** {@code !x}, {@code -x}, {@code +x}, {@code not x}. */
    record Unary(String op, EvalNode operand) implements EvalNode {
    }

    /** Arithmetic, comparison, equality and match operators. */
    record Binary(String op, EvalNode left, EvalNode right) implements EvalNode {
    }

    /** {@code a && b} and {@code a and b}: short-circuit, yields an operand as Ruby does. */
    record And(EvalNode left, EvalNode right) implements EvalNode {
    }

    /** {@code a || b} and {@code a or b}: short-circuit, yields an operand as Ruby does. */
    record Or(EvalNode left, EvalNode right) implements EvalNode {
    }

    /** {@code c ? a : b}. */
    record Conditional(EvalNode condition, EvalNode then, EvalNode otherwise) implements EvalNode {
    }

    /** {@code receiver.method(args)} for the whitelisted methods. */
    record Call(EvalNode receiver, String method, List<EvalNode> args) implements EvalNode {
    }

    /** {@code receiver[index]}. */
    record Index(EvalNode receiver, EvalNode index) implements EvalNode {
    }

    /** {@code Time.now}. */
    record TimeNow() implements EvalNode {
    }

    /** {@code Time.at(seconds)}. */
    record TimeAt(EvalNode seconds) implements EvalNode {
    }
}
