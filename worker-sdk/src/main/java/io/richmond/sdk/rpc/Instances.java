package io.richmond.sdk.rpc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;

/** Creates the user's classes named in configs and on command lines: RPC workers and job runners. */
public final class Instances {

    private Instances() {
    }

    /**
     * A new {@code className}, from its public constructor taking nothing, loaded from this SDK's class path (the
     * runner jar's, and the jars of {@code -Dloader.path}).
     */
    public static <T> T create(String className, Class<T> type) {
        Class<?> loaded;
        try {
            loaded = Class.forName(className, true, Instances.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("cannot load class " + className + " (is its jar on the loader path?): "
                    + e, e);
        }
        if (!type.isAssignableFrom(loaded) || loaded.isInterface() || Modifier.isAbstract(loaded.getModifiers())) {
            throw new IllegalArgumentException(className + " must be a concrete class implementing "
                    + type.getName());
        }
        try {
            return type.cast(loaded.getConstructor().newInstance());
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalArgumentException(className + " needs a public constructor taking nothing", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("constructing " + className + " failed: " + e.getCause(), e.getCause());
        } catch (InstantiationException e) {
            throw new IllegalArgumentException("cannot construct " + className + ": " + e, e);
        }
    }
}
