package io.richmond.sdk.runner;

public final class WorkerRunner {
    public static void main(String[] args) {
    }
}
