package dev.switchboard.core.internal.session;

import dev.switchboard.api.Client;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Named per-session state the application keeps across a suspension: {@code save} runs when the
 * session is suspended, {@code validate} and then {@code restore} when it is resumed. A namespace
 * whose {@code save} returns null or throws saves nothing (and so restores nothing); a
 * {@code validate} that returns false or throws refuses the resume.
 *
 * <p>Thread-safe: namespaces live in a concurrent map and may be added at any time.
 */
public final class StateNamespaces {

    private static final Logger LOG = LoggerFactory.getLogger(StateNamespaces.class);

    private record Namespace(Function<Client, Object> save, BiConsumer<Client, Object> restore,
                             Predicate<Object> validate) {
    }

    private final Map<String, Namespace> namespaces = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    public <S> void register(String name, Function<Client, S> save, BiConsumer<Client, S> restore,
                             Predicate<S> validate) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("state namespace name must not be blank");
        }
        namespaces.put(name, new Namespace((Function<Client, Object>) Objects.requireNonNull(save, "save"),
                (BiConsumer<Client, Object>) Objects.requireNonNull(restore, "restore"),
                validate == null ? state -> true : (Predicate<Object>) validate));
    }

    public boolean isEmpty() {
        return namespaces.isEmpty();
    }

    /** Runs every {@code save}; the result maps namespace names to the saved values. */
    public Map<String, Object> save(Client client) {
        Map<String, Object> saved = new LinkedHashMap<>();
        namespaces.forEach((name, namespace) -> {
            try {
                Object state = namespace.save().apply(client);
                if (state != null) {
                    saved.put(name, state);
                }
            } catch (RuntimeException e) {
                LOG.warn("Saving state namespace '{}' of client {} failed; it will not be restored", name, client.id(), e);
            }
        });
        return saved;
    }

    /** @return the first namespace whose saved state fails {@code validate}, or null when all pass */
    public String rejected(Client client, Map<String, Object> saved) {
        for (Map.Entry<String, Object> entry : saved.entrySet()) {
            Namespace namespace = namespaces.get(entry.getKey());
            try {
                if (namespace != null && !namespace.validate().test(entry.getValue())) {
                    return entry.getKey();
                }
            } catch (RuntimeException e) {
                LOG.warn("Validating state namespace '{}' of client {} failed", entry.getKey(), client.id(), e);
                return entry.getKey();
            }
        }
        return null;
    }

    /** Runs {@code restore} for each saved namespace; a failure is logged and the others still run. */
    public void restore(Client client, Map<String, Object> saved) {
        saved.forEach((name, state) -> {
            Namespace namespace = namespaces.get(name);
            if (namespace == null) {
                return;
            }
            try {
                namespace.restore().accept(client, state);
            } catch (RuntimeException e) {
                LOG.warn("Restoring state namespace '{}' of client {} failed", name, client.id(), e);
            }
        });
    }
}
