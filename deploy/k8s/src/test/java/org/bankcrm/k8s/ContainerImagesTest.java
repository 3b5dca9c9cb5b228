package org.bankcrm.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.kustomize.v1beta1.Kustomization;

/**
 * The images the build makes (Jib, root pom profile "images", deploy/docs/images.md) are the images the manifests run:
 * same name and tag, the user the pods run as, the port they probe, the fast-jar layout, and no Docker daemon needed.
 */
class ContainerImagesTest {
    static final List<String> IMAGES = List.of("client-service", "interaction-service", "loyalty-service", "offer-service", "console");

    static Element rootPom;
    static Map<String, String> profile;
    static List<HasMetadata> base;

    @BeforeAll
    static void load() throws Exception {
        rootPom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Manifests.rootDir().resolve("pom.xml").toFile()).getDocumentElement();
        Element images = null;
        for (Element p : children(child(rootPom, "profiles"), "profile")) {
            if (text(p, "id").equals("images")) {
                images = p;
            }
        }
        assertThat(images).as("root pom.xml: profile images").isNotNull();
        Element activation = child(child(images, "activation"), "property");
        assertThat(text(activation, "name") + "=" + text(activation, "value"))
                .as("the profile is on exactly when images are asked for").isEqualTo("quarkus.container-image.build=true");
        profile = new LinkedHashMap<>();
        for (Element property : children(child(images, "properties"), null)) {
            profile.put(property.getTagName(), property.getTextContent().strip());
        }
        List<Manifests.Doc> docs = new ArrayList<>();
        Manifests.baseFiles().forEach(f -> docs.addAll(Manifests.read(f)));
        base = Manifests.objects(docs);
    }

    @Test
    void everyImageIsBuiltByJibAndNoLongerFromADockerfile() throws Exception {
        for (String image : IMAGES) {
            Path module = Manifests.rootDir().resolve(image);
            List<String> extensions = new ArrayList<>();
            Element pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(module.resolve("pom.xml").toFile()).getDocumentElement();
            for (Element dependency : children(child(pom, "dependencies"), "dependency")) {
                String artifact = text(dependency, "artifactId");
                if (artifact.startsWith("quarkus-container-image")) {
                    extensions.add(artifact);
                }
            }
            assertThat(extensions).as(image + ": one container-image extension, Jib").containsExactly("quarkus-container-image-jib");
            assertThat(module.resolve("src/main/docker")).as(image + ": no Dockerfile to keep in step").doesNotExist();
        }
    }

    @Test
    void everyImageHasTheNameAndTagTheManifestsRun() throws IOException {
        String version = text(rootPom, "version");
        Kustomization kustomization = Manifests.SERIALIZATION.unmarshal(
                Files.readString(Manifests.k8sDir().resolve("base/kustomization.yaml")), Kustomization.class);
        for (String image : IMAGES) {
            Map<String, String> properties = ServiceFacts.properties(Manifests.rootDir().resolve(image).resolve("src/main/resources/application.properties"));
            String name = properties.get("quarkus.container-image.group") + "/" + properties.get("quarkus.container-image.name");
            assertThat(name).as(image + " image name").isEqualTo("bank-crm/" + image);
            assertThat(deployment(image).getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(name);
            // Quarkus tags the image with the project version unless told otherwise; the base tags it the same
            String tag = properties.getOrDefault("quarkus.container-image.tag", version);
            assertThat(kustomization.getImages()).as(image + " tag in base/kustomization.yaml")
                    .anySatisfy(i -> {
                        assertThat(i.getName()).isEqualTo(name);
                        assertThat(i.getNewTag()).isEqualTo(tag);
                    });
            assertThat(properties).as(image + ": the images profile sets where the image goes, not the module")
                    .doesNotContainKeys("quarkus.container-image.builder", "quarkus.jib.base-jvm-image");
        }
    }

    @Test
    void theImagesRunAsTheUserThePodsRunAsAndListenOnTheProbedPort() throws IOException {
        String user = profile.get("quarkus.jib.user");
        assertThat(user).as("quarkus.jib.user: numeric, not root").matches("[1-9][0-9]*");
        String script = Files.readString(Manifests.rootDir().resolve("deploy/images/build-base-image"));
        assertThat(script).as("the base image creates that user and gives it /deployments").contains("user_id=" + user + "\n");
        // the modules listen on their own ports locally (8081-8085); in the cluster on 8080, set by their ConfigMaps
        assertThat(profile).containsEntry("quarkus.jib.ports", "8080");
        for (String image : IMAGES) {
            PodSecurityContext security = deployment(image).getSpec().getTemplate().getSpec().getSecurityContext();
            assertThat(security.getRunAsNonRoot()).isTrue();
            assertThat(security.getRunAsUser()).as(image + " runAsUser").isEqualTo(Long.parseLong(user));
            assertThat(security.getRunAsGroup()).as(image + " runAsGroup").isEqualTo(Long.parseLong(user));
            assertThat(deployment(image).getSpec().getTemplate().getSpec().getContainers().get(0).getPorts())
                    .extracting(ContainerPort::getContainerPort).containsExactly(8080);
            Map<String, String> env = ServiceFacts.properties(Manifests.k8sDir().resolve("base/services").resolve(image + ".env"));
            assertThat(env).as(image + ".env").containsEntry("QUARKUS_HTTP_PORT", "8080");
        }
    }

    @Test
    void theImagesKeepTheFastJarLayoutAndTheJvmSettings() {
        assertThat(profile).containsEntry("quarkus.jib.working-directory", "/deployments")
                .containsEntry("quarkus.jib.environment-variables.MALLOC_ARENA_MAX", "2")
                .doesNotContainKey("quarkus.jib.jvm-entrypoint"); // Quarkus's own: java <arguments> -jar quarkus-run.jar
        assertThat(List.of(profile.get("quarkus.jib.jvm-additional-arguments").split(",")))
                // the memory requests in the manifests are worked out from this heap cap (40 % of the limit)
                .contains("-XX:MaxRAMPercentage=40", "-XX:+ExitOnOutOfMemoryError", "-Dquarkus.http.host=0.0.0.0");
        assertThat(profile).doesNotContainKey("quarkus.package.jar.type");
    }

    @Test
    void noDockerDaemonOrRegistryIsNeededToBuildThem() throws IOException {
        String imagesDir = "${maven.multiModuleProjectDirectory}/deploy/images";
        assertThat(profile).containsEntry("crm.images.dir", imagesDir)
                .containsEntry("crm.images.base-tarball", "${crm.images.dir}/target/crm-jvm-base.tar")
                // the base from a tarball the build makes, not from a registry
                .containsEntry("quarkus.jib.base-jvm-image", "tar://${crm.images.base-tarball}")
                // the image tarball Jib would load into a daemon goes to a file in the module's target/
                .containsEntry("quarkus.jib.docker-executable-name", "${crm.images.dir}/jib-load-to-tarball")
                .containsEntry("quarkus.jib.docker-environment.CRM_IMAGE_TARBALL", "${project.build.directory}/${project.artifactId}-image.tar");
        for (String script : List.of("build-base-image", "jib-load-to-tarball")) {
            Path file = Manifests.rootDir().resolve("deploy/images").resolve(script);
            assertThat(Files.isExecutable(file)).as(file + " executable").isTrue();
        }
        // the build makes the base tarball first when it is missing
        String pom = Files.readString(Manifests.rootDir().resolve("pom.xml"));
        assertThat(pom).contains("<executable>${crm.images.dir}/build-base-image</executable>")
                .contains("<argument>--if-missing</argument>");
        // and what the stand-in for `docker` answers is what Jib asks (docker info, docker load)
        String sink = Files.readString(Manifests.rootDir().resolve("deploy/images/jib-load-to-tarball"));
        assertThat(sink).contains("  info)").contains("  load)").contains("\"OSType\":\"linux\"");
    }

    // ---------------------------------------------------------------- helpers

    static Deployment deployment(String name) {
        return Manifests.named(Manifests.ofType(base, Deployment.class), name)
                .orElseThrow(() -> new AssertionError("no Deployment " + name + " in the base"));
    }

    static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertThat(found).as(parent.getTagName() + "/" + name).hasSize(1);
        return found.get(0);
    }

    static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && (name == null || element.getTagName().equals(name))) {
                found.add(element);
            }
        }
        return found;
    }

    static String text(Element parent, String name) {
        return child(parent, name).getTextContent().strip();
    }
}
