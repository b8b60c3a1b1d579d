package io.richmond.sdk.runner;

import io.richmond.sdk.message.UserMessage;
import io.richmond.sdk.worker.Outbox;
import io.richmond.sdk.worker.Worker;

/** A worker whose work takes a while, so that a test can stop its runner in the middle of it. */
public class SlowEchoWorker implements Worker {

    static final long WORK_MILLIS = 3_000;

    @Override
    public void handle(UserMessage message, Outbox outbox) throws InterruptedException {
        System.out.println("handling " + message.content());
        System.out.flush();
        Thread.sleep(WORK_MILLIS);
        outbox.send(message.reply("done: " + message.content(), null));
    }
}
