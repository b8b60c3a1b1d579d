package io.richmond.local.supervisor;

/** What tells that a child is up: asked again and again until it says so, the child dies or time runs out. */
public interface Readiness {

    boolean isReady(Child child);

    /** Completes "... did not become ready: it never ", e.g. "answered http://127.0.0.1:8000/actuator/health". */
    String describe();

    /** Ready as soon as started: for a child nothing can be asked. */
    static Readiness immediately() {
        return new Readiness() {
            @Override
            public boolean isReady(Child child) {
                return true;
            }

            @Override
            public String describe() {
                return "started";
            }
        };
    }
}
