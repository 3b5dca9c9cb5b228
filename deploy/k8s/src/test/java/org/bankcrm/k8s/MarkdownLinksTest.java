package org.bankcrm.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link of every Markdown file of the repository resolves: {@code [text](path)} to an existing file or
 * directory inside the repository, {@code [text](path#anchor)} and {@code [text](#anchor)} to a heading of that
 * Markdown file (GitHub's anchors: the heading's text in lower case, punctuation dropped, spaces to hyphens, "-1",
 * "-2" for repeats) or an HTML {@code id}/{@code name}. A link that leaves the repository ({@code ../shared/...})
 * is broken: a reader of a clone has nothing there. Absolute URLs are not fetched. Skipped: build output
 * ({@code target/}), {@code node_modules/}, {@code .crm/} (the launcher's data) and hidden directories; code
 * blocks and inline code.
 */
class MarkdownLinksTest {
    /** An inline link or image: ](target) or ](<target> "title"). */
    static final Pattern INLINE = Pattern.compile("\\]\\(\\s*(<[^>]*>|[^)\\s]+)(?:\\s+(?:\"[^\"]*\"|'[^']*'))?\\s*\\)");
    /** A link reference definition: [label]: target. */
    static final Pattern REFERENCE = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*(<[^>]*>|\\S+)");
    static final Pattern ATX_HEADING = Pattern.compile("^ {0,3}(#{1,6})(?:\\s+(.*?))?(?:\\s+#+)?\\s*$");
    static final Pattern HTML_ID = Pattern.compile("<a\\s[^>]*?(?:id|name)\\s*=\\s*\"([^\"]+)\"", Pattern.CASE_INSENSITIVE);
    static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");
    static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", "node_modules", ".crm");

    @Test
    void everyRelativeLinkOfEveryMarkdownFileResolves() {
        Path root = Manifests.rootDir();
        List<Path> files = markdownFiles(root);
        // the check ran on the repository's documentation, not on an empty directory
        assertThat(files).as("Markdown files under " + root).contains(root.resolve("README.md"), root.resolve("deploy/README.md"));
        Links links = new Links(root);
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path file : files) {
            List<Link> found = links(file);
            checked += found.size();
            broken.addAll(links.problems(file, found));
        }
        assertThat(checked).as("relative links checked").isGreaterThan(50);
        assertThat(broken).as("broken links (file:line: link -> why)").isEmpty();
    }

    // ---------------------------------------------------------------- the check itself

    @Test
    void brokenFilesAnchorsAndLinksLeavingTheRepositoryAreFound(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("docs"));
        Files.writeString(root.resolve("docs/guide.md"), """
                # The guide
                ## Install the operators (once per cluster)
                ## `crm up` and its options
                ## Repeat
                ## Repeat
                <a id="custom-anchor"></a>
                """);
        Files.writeString(root.resolve("README.md"), """
                # Read me
                [ok](docs/guide.md) [ok](docs/guide.md#install-the-operators-once-per-cluster) [ok](docs/)
                [ok](docs/guide.md#crm-up-and-its-options) [ok](docs/guide.md#repeat-1) [ok](#read-me)
                ![ok](docs/guide.md "a title") [ok](<docs/guide.md>) [ok](docs/guide.md#custom-anchor)
                [external, not fetched](https://example.org/missing) [mail](mailto:a@b.example)
                `[in code](missing.md)`
                ```
                [in a code block](missing.md)
                ```
                [no file](docs/missing.md)
                [no heading](docs/guide.md#install-the-operator)
                [no local heading](#nowhere)
                [leaves the repository](../shared/DESIGN.md)
                [repeat-2 does not exist](docs/guide.md#repeat-2)
                [ref]: docs/absent.md
                """);
        List<String> problems = new Links(root).problems(root.resolve("README.md"), links(root.resolve("README.md")));
        assertThat(problems).containsExactly(
                "README.md:10: docs/missing.md -> no such file",
                "README.md:11: docs/guide.md#install-the-operator -> no heading #install-the-operator in docs/guide.md",
                "README.md:12: #nowhere -> no heading #nowhere in README.md",
                "README.md:13: ../shared/DESIGN.md -> leaves the repository",
                "README.md:14: docs/guide.md#repeat-2 -> no heading #repeat-2 in docs/guide.md",
                "README.md:15: docs/absent.md -> no such file");
    }

    @Test
    void anchorsAreGitHubs() {
        assertThat(slug("Restore a database (CloudNativePG recovery)")).isEqualTo("restore-a-database-cloudnativepg-recovery");
        assertThat(slug("Authentication: the identity provider")).isEqualTo("authentication-the-identity-provider");
        assertThat(slug("NetworkPolicy: which namespaces reach the services")).isEqualTo("networkpolicy-which-namespaces-reach-the-services");
        assertThat(slug("`crm up --infra-only` and **dev mode**")).isEqualTo("crm-up---infra-only-and-dev-mode");
        assertThat(slug("See [the design](docs/design.md) — 2 cores, 1,000 ms")).isEqualTo("see-the-design--2-cores-1000-ms");
        assertThat(slug("Schnittstellen & Ereignisse")).isEqualTo("schnittstellen--ereignisse");
        assertThat(slug("snake_case stays")).isEqualTo("snake_case-stays");
    }

    // ---------------------------------------------------------------- helpers

    record Link(int line, String target) {
    }

    /** Resolves links of files under one root, caching each Markdown file's anchors. */
    static final class Links {
        final Path root;
        final Map<Path, Set<String>> anchors = new HashMap<>();

        Links(Path root) {
            this.root = root.toAbsolutePath().normalize();
        }

        List<String> problems(Path file, List<Link> links) {
            List<String> problems = new ArrayList<>();
            for (Link link : links) {
                String why = problem(file.toAbsolutePath().normalize(), link.target());
                if (why != null) {
                    problems.add(root.relativize(file.toAbsolutePath().normalize()) + ":" + link.line() + ": " + link.target() + " -> " + why);
                }
            }
            return problems;
        }

        private String problem(Path file, String target) {
            int hash = target.indexOf('#');
            String path = URLDecoder.decode(hash < 0 ? target : target.substring(0, hash), StandardCharsets.UTF_8);
            String anchor = hash < 0 ? null : target.substring(hash + 1);
            Path resolved = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
            if (!resolved.startsWith(root)) {
                return "leaves the repository";
            }
            if (!Files.exists(resolved)) {
                return "no such file";
            }
            if (anchor != null && resolved.getFileName().toString().endsWith(".md") && !Files.isDirectory(resolved)
                    && !anchors.computeIfAbsent(resolved, MarkdownLinksTest::anchors).contains(anchor)) {
                return "no heading #" + anchor + " in " + root.relativize(resolved);
            }
            return null;
        }
    }

    static List<Path> markdownFiles(Path root) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    boolean skip = !dir.equals(root) && (SKIPPED_DIRECTORIES.contains(name) || name.startsWith("."));
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && file.getFileName().toString().endsWith(".md")) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files.stream().sorted().toList();
    }

    /** The relative links of a Markdown file (absolute URLs and links in code left out). */
    static List<Link> links(Path file) {
        List<Link> links = new ArrayList<>();
        List<String> lines = lines(file);
        String fence = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String stripped = line.stripLeading();
            if (fence != null) {
                if (stripped.startsWith(fence)) {
                    fence = null;
                }
                continue;
            }
            if (stripped.startsWith("```") || stripped.startsWith("~~~")) {
                fence = stripped.substring(0, 3);
                continue;
            }
            String text = withoutInlineCode(line);
            List<String> targets = new ArrayList<>();
            Matcher inline = INLINE.matcher(text);
            while (inline.find()) {
                targets.add(inline.group(1));
            }
            Matcher reference = REFERENCE.matcher(text);
            if (reference.find()) {
                targets.add(reference.group(1));
            }
            for (String target : targets) {
                if (target.startsWith("<") && target.endsWith(">")) {
                    target = target.substring(1, target.length() - 1);
                }
                if (!target.isEmpty() && !SCHEME.matcher(target).find()) {
                    links.add(new Link(i + 1, target));
                }
            }
        }
        return links;
    }

    /** The anchors GitHub gives a Markdown file: one per heading (repeats numbered), and HTML ids/names. */
    static Set<String> anchors(Path file) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        String fence = null;
        List<String> lines = lines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String stripped = line.stripLeading();
            if (fence != null) {
                if (stripped.startsWith(fence)) {
                    fence = null;
                }
                continue;
            }
            if (stripped.startsWith("```") || stripped.startsWith("~~~")) {
                fence = stripped.substring(0, 3);
                continue;
            }
            String heading = null;
            Matcher atx = ATX_HEADING.matcher(line);
            if (atx.matches()) {
                heading = atx.group(2) == null ? "" : atx.group(2);
            } else if (i + 1 < lines.size() && !line.isBlank() && !line.startsWith(" ")
                    && lines.get(i + 1).matches(" {0,3}(=+|-+)\\s*") && !line.matches(" {0,3}([-*_]\\s*){3,}")
                    && !line.stripLeading().startsWith("|") && !line.stripLeading().matches("[-*+] .*")) {
                heading = line.strip(); // setext: the line above === or ---
            }
            if (heading != null) {
                String slug = slug(heading);
                int count = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(count == 0 ? slug : slug + "-" + count);
            }
            Matcher id = HTML_ID.matcher(line);
            while (id.find()) {
                anchors.add(id.group(1));
            }
        }
        return anchors;
    }

    /**
     * GitHub's anchor of a heading: its rendered text (link targets, code backticks, emphasis and HTML tags gone),
     * lower case, every character that is not a letter, digit, mark, underscore, hyphen or space dropped, spaces
     * to hyphens (not collapsed).
     */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1") // [text](url) -> text
                .replaceAll("<[^>]+>", "")
                .replace("`", "")
                .strip()
                .toLowerCase(Locale.ROOT);
        return text.codePoints()
                .filter(c -> Character.isLetterOrDigit(c) || Character.getType(c) == Character.NON_SPACING_MARK
                        || c == '_' || c == '-' || c == ' ')
                .mapToObj(c -> c == ' ' ? "-" : Character.toString(c))
                .collect(Collectors.joining());
    }

    private static String withoutInlineCode(String line) {
        return line.replaceAll("(`+)(?:(?!\\1).)+?\\1", "");
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
