package org.bankcrm.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappings;

/**
 * The configuration keys a service really has, and their environment-variable names (MicroProfile Config:
 * every character other than a letter or digit becomes {@code _}, then upper case). Sources, all from the
 * real code and artefacts rather than from a list in this test:
 * <ul>
 * <li>the Quarkus config model of every extension on the class path (each extension jar's
 * {@code META-INF/quarkus-config-doc/quarkus-config-model.json}, with the phase: only {@code RUN_TIME} keys can be
 * set by the environment of a running container);</li>
 * <li>the {@code @ConfigMapping} interfaces and {@code @ConfigProperty} injection points of the service's and the
 * platform's classes (SmallRye Config's own view of their property names);</li>
 * <li>the {@code @ConfigProperty} injection points of SmallRye JWT's {@code JWTAuthContextInfoProvider}, which reads
 * the bearer-JWT settings ({@code mp.jwt.verify.*}, {@code smallrye.jwt.*}) of quarkus-smallrye-jwt;</li>
 * <li>the service's {@code application.properties} and the platform's {@code microprofile-config.properties};</li>
 * <li>{@code kafka.*}: the Kafka clients' own config names (the SmallRye Kafka connector passes {@code kafka.*}
 * to every producer and consumer).</li>
 * </ul>
 */
final class ConfigKeys {
    static final Class<?> SMALLRYE_JWT_CONFIG = io.smallrye.jwt.config.JWTAuthContextInfoProvider.class;

    record Key(String property, String source, boolean runtime) {
    }

    private static List<Map.Entry<String, Key>> quarkusModel;

    private final Map<String, Key> exact = new LinkedHashMap<>();
    /** Default values by environment name: @WithDefault / @ConfigProperty(defaultValue), overridden by the service's
     * application.properties (without profile) and the platform's defaults, as SmallRye Config resolves them. */
    private final Map<String, String> defaults = new LinkedHashMap<>();
    private final List<Map.Entry<Pattern, Key>> patterns = new ArrayList<>();

    static ConfigKeys of(ServiceFacts service) {
        ConfigKeys keys = new ConfigKeys();
        for (Map.Entry<String, Key> entry : quarkusModel()) {
            keys.exact.putIfAbsent(entry.getKey(), entry.getValue());
        }
        for (String pkg : List.of("org.bankcrm." + service.shortName(), "org.bankcrm.platform")) {
            for (Class<?> type : classesOf(pkg)) {
                keys.addCodeKeys(type);
            }
        }
        // the bearer-JWT verification the platform runs on (quarkus-smallrye-jwt): SmallRye JWT reads mp.jwt.* and
        // smallrye.jwt.* through @ConfigProperty injection points of this one class, not through the Quarkus model
        keys.addCodeKeys(SMALLRYE_JWT_CONFIG);
        Path root = Manifests.rootDir();
        ServiceFacts.properties(root.resolve("platform/core/src/main/resources/META-INF/microprofile-config.properties"))
                .forEach((key, value) -> keys.defaults.put(env(key), value));
        service.properties().forEach((key, value) -> keys.defaults.put(env(key), value));
        for (String key : ServiceFacts.keysOfAllProfiles(
                root.resolve(service.name()).resolve("src/main/resources/application.properties"))) {
            keys.add(key, "application.properties");
        }
        for (String key : ServiceFacts.keysOfAllProfiles(
                root.resolve("platform/core/src/main/resources/META-INF/microprofile-config.properties"))) {
            keys.add(key, "platform microprofile-config.properties");
        }
        Set<String> kafka = new TreeSet<>(ProducerConfig.configNames());
        kafka.addAll(ConsumerConfig.configNames());
        kafka.addAll(AdminClientConfig.configNames());
        for (String name : kafka) {
            keys.add("kafka." + name, "Kafka client config");
        }
        return keys;
    }

    /** The key an environment variable sets, if the service has one of that name. */
    Optional<Key> lookup(String environmentVariable) {
        Key key = exact.get(environmentVariable);
        if (key != null) {
            return Optional.of(key);
        }
        return patterns.stream().filter(p -> p.getKey().matcher(environmentVariable).matches())
                .map(Map.Entry::getValue).findFirst();
    }

    /** The value the service uses when the environment does not set this variable, if the code or files say. */
    Optional<String> defaultValue(String environmentVariable) {
        return Optional.ofNullable(defaults.get(environmentVariable));
    }

    static String env(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    private void add(String property, String source) {
        Key key = new Key(property, source, true);
        if (property.contains("*")) {
            String marked = property.replace("[*]", "").replace("*", "\u0001");
            String regex = Pattern.quote(env(marked.replace("\u0001", "WILDCARD")))
                    .replace("WILDCARD", "\\E[A-Z0-9_]+\\Q");
            patterns.add(Map.entry(Pattern.compile(regex), key));
        } else {
            exact.putIfAbsent(env(property), key);
        }
    }

    private void addCodeKeys(Class<?> type) {
        ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
        if (mapping != null && type.isInterface()) {
            var properties = ConfigMappings.getProperties(new ConfigMappings.ConfigClass(type, mapping.prefix()));
            properties.forEach((property, definition) -> {
                add(property, "@ConfigMapping " + type.getSimpleName());
                if (definition.hasDefaultValue() && !property.contains("*")) {
                    defaults.putIfAbsent(env(property), definition.getDefaultValue());
                }
            });
        }
        List<AnnotatedElement> points = new ArrayList<>();
        try {
            Collections.addAll(points, type.getDeclaredFields());
            for (Constructor<?> constructor : type.getDeclaredConstructors()) {
                Collections.addAll(points, constructor.getParameters());
            }
            for (Method method : type.getDeclaredMethods()) {
                Collections.addAll(points, method.getParameters());
            }
        } catch (Throwable unresolvable) {
            return; // a class whose signatures need types not on this class path injects no configuration we check
        }
        for (AnnotatedElement point : points) {
            ConfigProperty property = point.getAnnotation(ConfigProperty.class);
            if (property != null && !property.name().isEmpty()) {
                String where = point instanceof Field f ? f.getName() : point instanceof Parameter p ? p.getName() : "";
                add(property.name(), "@ConfigProperty " + type.getSimpleName() + "." + where);
                if (!property.defaultValue().equals(ConfigProperty.UNCONFIGURED_VALUE)) {
                    defaults.putIfAbsent(env(property.name()), property.defaultValue());
                }
            }
        }
    }

    /** Every RUN_TIME and build-time property of every Quarkus extension on the class path, by env name. */
    private static synchronized List<Map.Entry<String, Key>> quarkusModel() {
        if (quarkusModel != null) {
            return quarkusModel;
        }
        List<Map.Entry<String, Key>> entries = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try {
            Enumeration<URL> models = ConfigKeys.class.getClassLoader()
                    .getResources("META-INF/quarkus-config-doc/quarkus-config-model.json");
            for (URL url : Collections.list(models)) {
                try (InputStream in = url.openStream()) {
                    collect(json.readTree(in), entries, url.toString().replaceAll(".*/([^/]+\\.jar)!.*", "$1"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (entries.isEmpty()) {
            throw new AssertionError("no Quarkus config model on the class path");
        }
        quarkusModel = entries;
        return entries;
    }

    private static void collect(JsonNode node, List<Map.Entry<String, Key>> entries, String jar) {
        if (node.isObject() && node.has("path") && node.has("phase")) {
            boolean runtime = node.path("phase").asText().equals("RUN_TIME");
            List<JsonNode> paths = new ArrayList<>();
            paths.add(node.path("path"));
            node.path("additionalPaths").forEach(paths::add);
            for (JsonNode path : paths) {
                String env = path.path("environmentVariable").asText();
                if (!env.isEmpty()) {
                    entries.add(Map.entry(env, new Key(path.path("property").asText(),
                            "Quarkus " + jar + " (" + node.path("phase").asText() + ")", runtime)));
                }
            }
        }
        if (node.isContainerNode()) {
            node.forEach(child -> collect(child, entries, jar));
        }
    }

    /** The classes of a package and its sub-packages, from a jar or a classes directory on the class path. */
    private static List<Class<?>> classesOf(String pkg) {
        String path = pkg.replace('.', '/');
        ClassLoader loader = ConfigKeys.class.getClassLoader();
        Set<String> names = new TreeSet<>();
        try {
            for (URL url : Collections.list(loader.getResources(path))) {
                if (url.getProtocol().equals("jar")) {
                    JarURLConnection connection = (JarURLConnection) url.openConnection();
                    connection.setUseCaches(false);
                    try (JarFile jar = connection.getJarFile()) {
                        jar.stream().map(e -> e.getName())
                                .filter(n -> n.startsWith(path + "/") && n.endsWith(".class"))
                                .forEach(n -> names.add(n.substring(0, n.length() - 6).replace('/', '.')));
                    }
                } else if (url.getProtocol().equals("file")) {
                    Path dir = Path.of(url.toURI());
                    Path base = dir;
                    for (int i = 0; i < pkg.split("\\.").length; i++) {
                        base = base.getParent();
                    }
                    Path classesRoot = base;
                    try (Stream<Path> files = Files.walk(dir)) {
                        files.filter(f -> f.toString().endsWith(".class")).forEach(f -> {
                            String relative = classesRoot.relativize(f).toString();
                            names.add(relative.substring(0, relative.length() - 6).replace('/', '.').replace('\\', '.'));
                        });
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (names.isEmpty()) {
            throw new AssertionError("no class of " + pkg + " on the test class path");
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String name : names) {
            try {
                classes.add(Class.forName(name, false, loader));
            } catch (Throwable unloadable) {
                // a class that needs what is not on this class path (e.g. a test helper) holds no config key we check
            }
        }
        return classes;
    }
}
