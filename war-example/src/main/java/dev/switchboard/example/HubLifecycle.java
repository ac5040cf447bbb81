package dev.switchboard.example;

import dev.switchboard.core.config.HubSettings;
import dev.switchboard.core.config.Settings;
import dev.switchboard.core.endpoint.Hubs;
import dev.switchboard.core.hub.Hub;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Builds the hub when the application starts (settings from {@code SWITCHBOARD_*} environment
 * variables or system properties, hooks from {@code META-INF/services}) and shuts it down when the
 * application stops, so every client gets 1001 on undeploy.
 */
@WebListener
public class HubLifecycle implements ServletContextListener {

    /** The hub this application runs: the deployment's settings, the hooks listed in META-INF/services. */
    public static Hub createHub(Settings settings) {
        return HubSettings.apply(settings, Hub.builder()).build();
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Hubs.install(createHub(Settings.fromEnvironment()));
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        Hubs.shutdown();
    }
}
