package dev.switchboard.standalone.bench;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * "Nothing else arrived" made checkable: every client sends a {@code system:echo} request and waits
 * for its answer, which the server queues behind anything it already queued for that client; other
 * frames still go to the client's current handler, so a late duplicate is seen. Stateless.
 */
final class Barrier {

    private static final String ID = "barrier";

    private Barrier() {
    }

    static void roundTrip(String label, List<LoadClient> clients) {
        CompletableFuture<?>[] answers = new CompletableFuture<?>[clients.size()];
        for (int i = 0; i < clients.size(); i++) {
            LoadClient client = clients.get(i);
            LoadClient.Handler previous = client.handler();
            CompletableFuture<Void> answered = new CompletableFuture<>();
            client.handler(new LoadClient.Handler() {
                @Override
                public void onFrame(LoadClient self, String frame) {
                    if ("response".equals(Frames.string(frame, "event")) && ID.equals(Frames.scalar(frame, "id"))) {
                        answered.complete(null);
                    } else {
                        previous.onFrame(self, frame);
                    }
                }

                @Override
                public void onClosed(LoadClient self, int code, String reason) {
                    answered.completeExceptionally(new BenchFailure("closed " + code + " " + reason));
                    previous.onClosed(self, code, reason);
                }
            });
            answers[i] = answered.whenComplete((ignored, error) -> client.handler(previous));
            client.send(Frames.request(ID, "system:echo", "{}"));
        }
        try {
            CompletableFuture.allOf(answers).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new BenchFailure(label + ": the closing echo round trip did not complete: " + Loader.rootMessage(e), e);
        }
    }
}
