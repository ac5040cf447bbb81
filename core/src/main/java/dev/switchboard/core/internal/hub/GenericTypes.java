package dev.switchboard.core.internal.hub;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.HashMap;
import java.util.Map;

/** Finds the actual type argument an implementation class gives to a generic interface. */
public final class GenericTypes {

    private GenericTypes() {
    }

    /**
     * The {@code index}-th type argument that {@code implementation} binds for {@code target}
     * (walking superclasses and superinterfaces), or {@code null} if it is not a concrete type
     * (lambdas, raw types, unbound variables).
     */
    public static Type typeArgument(Class<?> implementation, Class<?> target, int index) {
        return find(implementation, target, index, new HashMap<>());
    }

    private static Type find(Type type, Class<?> target, int index, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw;
        if (type instanceof ParameterizedType parameterized) {
            raw = (Class<?>) parameterized.getRawType();
            TypeVariable<?>[] variables = raw.getTypeParameters();
            Type[] arguments = parameterized.getActualTypeArguments();
            for (int i = 0; i < variables.length; i++) {
                Type argument = arguments[i];
                bindings.put(variables[i], argument instanceof TypeVariable<?> v && bindings.containsKey(v)
                        ? bindings.get(v) : argument);
            }
        } else if (type instanceof Class<?> c) {
            raw = c;
        } else {
            return null;
        }
        if (raw == target) {
            Type argument = bindings.get(raw.getTypeParameters()[index]);
            return argument instanceof TypeVariable<?> ? null : argument;
        }
        for (Type parent : raw.getGenericInterfaces()) {
            Type found = find(parent, target, index, new HashMap<>(bindings));
            if (found != null) {
                return found;
            }
        }
        Type superclass = raw.getGenericSuperclass();
        return superclass == null ? null : find(superclass, target, index, new HashMap<>(bindings));
    }
}
