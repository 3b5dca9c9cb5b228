package org.bankcrm.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/** Reads manifests (one file, several YAML documents) into typed fabric8 objects. */
final class Manifests {
    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** deploy/k8s, from the build (surefire sets crm.k8s.dir) or the working directory. */
    static Path k8sDir() {
        String dir = System.getProperty("crm.k8s.dir");
        Path path = dir != null ? Path.of(dir) : Path.of("").toAbsolutePath();
        if (!Files.isDirectory(path.resolve("base"))) {
            path = Path.of("deploy/k8s").toAbsolutePath();
        }
        return path.normalize();
    }

    /** The project's root directory (the four services are under it). */
    static Path rootDir() {
        return k8sDir().resolve("../..").normalize();
    }

    /** One parsed document: where it came from and what it became. */
    record Doc(Path file, int index, KubernetesResource resource) {
        String where() {
            return k8sDir().relativize(file) + " #" + index;
        }
    }

    /** Every document of one file; comment-only documents are skipped. */
    static List<Doc> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Doc> docs = new ArrayList<>();
        int index = 0;
        for (String part : text.split("(?m)^---\\s*$")) {
            boolean content = part.lines().anyMatch(l -> !l.isBlank() && !l.stripLeading().startsWith("#"));
            if (!content) {
                continue;
            }
            KubernetesResource resource = SERIALIZATION.unmarshal(part);
            docs.add(new Doc(file, index++, resource));
        }
        return docs;
    }

    /** The objects of a set of documents (the kustomization files are read separately). */
    static List<HasMetadata> objects(List<Doc> docs) {
        List<HasMetadata> objects = new ArrayList<>();
        for (Doc doc : docs) {
            if (doc.resource() instanceof HasMetadata object) {
                objects.add(object);
            } else {
                throw new AssertionError(doc.where() + " is no Kubernetes object: " + doc.resource().getClass());
            }
        }
        return objects;
    }

    /** Every manifest file of the base (YAML, without the kustomization). */
    static List<Path> baseFiles() {
        try (Stream<Path> files = Files.walk(k8sDir().resolve("base"))) {
            return files.filter(f -> f.toString().endsWith(".yaml"))
                    .filter(f -> !f.getFileName().toString().equals("kustomization.yaml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> overlays() {
        try (Stream<Path> dirs = Files.list(k8sDir().resolve("overlays"))) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path rendered(String overlay) {
        return k8sDir().resolve("rendered").resolve(overlay + ".yaml");
    }

    static <T extends HasMetadata> List<T> ofType(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static List<GenericKubernetesResource> custom(List<HasMetadata> objects, String apiGroup, String kind) {
        return objects.stream()
                .filter(o -> o instanceof GenericKubernetesResource)
                .map(o -> (GenericKubernetesResource) o)
                .filter(o -> o.getKind().equals(kind) && o.getApiVersion().startsWith(apiGroup + "/"))
                .toList();
    }

    static <T extends HasMetadata> Optional<T> named(List<T> objects, String name) {
        return objects.stream().filter(o -> o.getMetadata().getName().equals(name)).findFirst();
    }

    private Manifests() {
    }
}
