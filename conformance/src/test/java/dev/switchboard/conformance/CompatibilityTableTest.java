package dev.switchboard.conformance;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's compatibility table says what the build runs: these container versions, this suite. */
class CompatibilityTableTest {

    private static final Pattern ROW = Pattern.compile(
            "^\\| ([^|]+) \\| ([^|]+) \\| [^|]+ \\| `(\\w+)` \\| (\\d+) of (\\d+) pass \\|$");

    private record Row(String container, String version, String testClass, int passed, int total) {
    }

    private static Map<String, Row> rows() throws IOException {
        Path readme = Path.of(System.getProperty("switchboard.readme", "../README.md"));
        List<String> lines = Files.readAllLines(readme);
        int table = lines.indexOf("### Compatibility");
        assertTrue(table >= 0, "README has a Compatibility section");
        Map<String, Row> rows = new HashMap<>();
        for (String line : lines.subList(table, lines.size())) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                rows.put(row.group(3), new Row(row.group(1), row.group(2), row.group(3),
                        Integer.parseInt(row.group(4)), Integer.parseInt(row.group(5))));
            } else if (line.startsWith("## ")) {
                break;
            }
        }
        return rows;
    }

    /** The tests JUnit runs for a container test class: the suite's default @Test methods it implements. */
    private static long suiteTests(Class<?> testClass) {
        return Arrays.stream(testClass.getInterfaces())
                .filter(Conformance.class::isAssignableFrom)
                .flatMap(suite -> Arrays.stream(suite.getDeclaredMethods()))
                .filter(Method::isDefault)
                .filter(method -> method.isAnnotationPresent(org.junit.jupiter.api.Test.class))
                .count();
    }

    /** The interfaces a test class in another module implements, read from its source. */
    private static Set<String> implemented(Path source) throws IOException {
        Matcher clause = Pattern.compile("implements ([\\w\\s,]+)\\{").matcher(Files.readString(source));
        assertTrue(clause.find(), "an implements clause in " + source);
        return Arrays.stream(clause.group(1).split(",")).map(String::trim).collect(Collectors.toSet());
    }

    @Test
    void versionsAndSuiteSizesMatchTheBuild() throws Exception {
        Map<String, Row> rows = rows();
        assertEquals(4, rows.size(), "one row per container: " + rows.keySet());

        Row tyrus = rows.get("TyrusConformanceTest");
        assertEquals(System.getProperty("tyrus.version"), tyrus.version());
        long core = suiteTests(Class.forName("dev.switchboard.conformance.tyrus.TyrusConformanceTest"));
        assertEquals(core, tyrus.total());

        Row jetty = rows.get("JettyConformanceTest");
        assertEquals(System.getProperty("jetty.version"), jetty.version());
        assertEquals(core, jetty.total(), "Jetty runs the same suite as Tyrus");
        Class<?> tyrusClass = Class.forName("dev.switchboard.conformance.tyrus.TyrusConformanceTest");
        assertEquals(Arrays.stream(tyrusClass.getInterfaces()).map(Class::getSimpleName).collect(Collectors.toSet()),
                implemented(Path.of(System.getProperty("switchboard.jettyTest"))), "Jetty runs the same suite parts as Tyrus");

        Row payara = rows.get("PayaraConformanceIT");
        assertEquals(System.getProperty("payara.version"), payara.version());
        assertEquals(suiteTests(Class.forName("dev.switchboard.conformance.servers.PayaraConformanceIT")), payara.total());

        Row wildfly = rows.get("WildFlyConformanceIT");
        assertEquals(System.getProperty("wildfly.version"), wildfly.version());
        assertEquals(suiteTests(Class.forName("dev.switchboard.conformance.servers.WildFlyConformanceIT")), wildfly.total());

        for (Row row : rows.values()) {
            assertEquals(row.total(), row.passed(), row.container() + ": the build fails unless every test passes");
        }
    }
}
