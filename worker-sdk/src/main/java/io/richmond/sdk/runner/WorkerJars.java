package io.richmond.sdk.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.richmond.sdk.worker.Worker;
import io.richmond.sdk.worker.WorkerSettings;

/** Loads workers from the runner's own class path and from the plain jars in a workers directory. */
final class WorkerJars {

    private static final Logger log = LoggerFactory.getLogger(WorkerJars.class);

    private WorkerJars() {
    }

    /** A class loader over every {@code *.jar} in {@code directory}; the parent alone if it does not exist. */
    static ClassLoader classLoader(Path directory, ClassLoader parent) {
        if (!Files.exists(directory)) {
            return parent;
        }
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("workers directory " + directory + " is not a directory");
        }
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> jars = files.filter(path -> path.getFileName().toString().endsWith(".jar")).sorted().toList();
            log.info("loading worker jars from {}: {}", directory.toAbsolutePath(), jars);
            URL[] urls = jars.stream().map(WorkerJars::url).toArray(URL[]::new);
            return new URLClassLoader(urls, parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list worker jars in " + directory, e);
        }
    }

    /** Instantiates {@code className} with its {@code (WorkerSettings)} constructor, or its no-argument one. */
    static Worker instantiate(String className, ClassLoader loader, WorkerSettings settings) {
        if (className == null || className.isBlank()) {
            throw new IllegalArgumentException("no worker class given");
        }
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("worker class " + className
                    + " not found on the class path nor in the workers directory", e);
        } catch (LinkageError e) {
            // A class it needs is missing (a dependency jar left out), or its static initialiser threw.
            throw new IllegalArgumentException("cannot load worker class " + className + ": " + e, e);
        }
        if (!Worker.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(className + " is not a worker: it must implement "
                    + Worker.class.getName() + " (or extend UssdWorker)");
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new IllegalArgumentException(className + " is abstract: name a concrete worker class");
        }
        if (!Modifier.isPublic(type.getModifiers())) {
            throw new IllegalArgumentException(className + " must be a public class");
        }
        try {
            try {
                Constructor<?> withSettings = type.getConstructor(WorkerSettings.class);
                return (Worker) withSettings.newInstance(settings);
            } catch (NoSuchMethodException e) {
                return (Worker) type.getConstructor().newInstance();
            }
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(className
                    + " needs a public constructor taking WorkerSettings, or a public one taking nothing", e);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException) {
                // What WorkerSettings.require throws: a setting is missing or wrong, the user's to fix.
                throw new IllegalArgumentException("constructing " + className + " failed: " + cause.getMessage(),
                        cause);
            }
            throw new IllegalStateException("constructing " + className + " failed: " + cause, cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot construct " + className + ": " + e, e);
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("bad jar path " + jar, e);
        }
    }
}
