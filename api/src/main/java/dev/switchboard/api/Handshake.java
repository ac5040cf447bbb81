package dev.switchboard.api;

import java.util.List;
import java.util.Map;

/**
 * What the WebSocket upgrade request said, recorded once when the connection opens.
 *
 * @param path            the request path
 * @param pathParameters  values of the endpoint's path template, e.g. {@code tenant} for {@code /ws/{tenant}}
 * @param queryParameters the query string's parameters
 * @param headers         request headers, names in lower case, except the upgrade's own ({@code connection},
 *                        {@code upgrade}, {@code sec-websocket-version}, {@code sec-websocket-extensions}),
 *                        which say nothing once the socket is open
 * @param remoteAddress   the peer's address as the container reports it ({@code host:port}), or {@code null}
 * @param subprotocol     the negotiated subprotocol, or an empty string
 */
public record Handshake(String path,
                        Map<String, String> pathParameters,
                        Map<String, List<String>> queryParameters,
                        Map<String, List<String>> headers,
                        String remoteAddress,
                        String subprotocol) {

    public Handshake {
        // an empty container map is not copied: copying would make it cache an entry set for the socket's life
        pathParameters = pathParameters.isEmpty() ? Map.of() : Map.copyOf(pathParameters);
        queryParameters = queryParameters.isEmpty() ? Map.of() : Map.copyOf(queryParameters);
        headers = headers.isEmpty() ? Map.of() : Map.copyOf(headers);
        subprotocol = subprotocol == null ? "" : subprotocol;
    }

    /** The first value of a header (case-insensitive name), or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** A path template parameter, or {@code null}. */
    public String pathParameter(String name) {
        return pathParameters.get(name);
    }
}
