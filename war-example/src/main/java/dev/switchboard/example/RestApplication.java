package dev.switchboard.example;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API at {@code /api}: {@link NotifyResource} and {@link StatusResource}. */
@ApplicationPath("api")
public class RestApplication extends Application {
}
