package dev.reflex.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Static entry points for {@link TemplateFunction}s. Jinjava calls functions through static methods;
 * each registered function object gets one of a fixed number of slots, and the slot's method calls
 * it with the variables of the current render. Slots are shared by every engine in the JVM and
 * handed out once per function object.
 */
public final class FunctionSlots {

    private static final int SLOTS = 24;
    private static final List<TemplateFunction> TAKEN = new CopyOnWriteArrayList<>();

    private FunctionSlots() {
    }

    /** The static method Jinjava should call for {@code f}, taking a slot for it on first use. */
    static synchronized Method slotFor(TemplateFunction f) {
        int index = -1;
        for (int i = 0; i < TAKEN.size(); i++) {
            if (TAKEN.get(i) == f) {
                index = i;
            }
        }
        if (index < 0) {
            if (TAKEN.size() >= SLOTS) {
                throw new IllegalStateException("no more than " + SLOTS + " template functions can be registered");
            }
            TAKEN.add(f);
            index = TAKEN.size() - 1;
        }
        try {
            return FunctionSlots.class.getMethod("f" + index, Object[].class);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object call(int slot, Object[] args) {
        JinjavaInterpreter current = JinjavaInterpreter.getCurrent();
        List<Object> list = new ArrayList<>(Arrays.asList(args == null ? new Object[0] : args));
        list.replaceAll(TemplateValues::unwrapJinjava);
        Object out = TAKEN.get(slot).call(name -> current == null ? null : current.getContext().get(name), list);
        return TemplateValues.view(out);
    }

    /** Slot 0; the other slots are the same. */
    public static Object f0(Object... args) {
        return call(0, args);
    }

    public static Object f1(Object... args) {
        return call(1, args);
    }

    public static Object f2(Object... args) {
        return call(2, args);
    }

    public static Object f3(Object... args) {
        return call(3, args);
    }

    public static Object f4(Object... args) {
        return call(4, args);
    }

    public static Object f5(Object... args) {
        return call(5, args);
    }

    public static Object f6(Object... args) {
        return call(6, args);
    }

    public static Object f7(Object... args) {
        return call(7, args);
    }

    public static Object f8(Object... args) {
        return call(8, args);
    }

    public static Object f9(Object... args) {
        return call(9, args);
    }

    public static Object f10(Object... args) {
        return call(10, args);
    }

    public static Object f11(Object... args) {
        return call(11, args);
    }

    public static Object f12(Object... args) {
        return call(12, args);
    }

    public static Object f13(Object... args) {
        return call(13, args);
    }

    public static Object f14(Object... args) {
        return call(14, args);
    }

    public static Object f15(Object... args) {
        return call(15, args);
    }

    public static Object f16(Object... args) {
        return call(16, args);
    }

    public static Object f17(Object... args) {
        return call(17, args);
    }

    public static Object f18(Object... args) {
        return call(18, args);
    }

    public static Object f19(Object... args) {
        return call(19, args);
    }

    public static Object f20(Object... args) {
        return call(20, args);
    }

    public static Object f21(Object... args) {
        return call(21, args);
    }

    public static Object f22(Object... args) {
        return call(22, args);
    }

    public static Object f23(Object... args) {
        return call(23, args);
    }
}
