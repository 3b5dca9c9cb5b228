package org.bankcrm.launcher;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs a crm command against a project root and keeps what it printed. */
final class CommandOutput {
    final int exitCode;
    final String text;

    private CommandOutput(int exitCode, String text) {
        this.exitCode = exitCode;
        this.text = text;
    }

    static CommandOutput run(Path root, Map<String, String> env, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int code = new Crm(new Layout(root), env, out).run(args);
        return new CommandOutput(code, bytes.toString(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "exit " + exitCode + ":\n" + text;
    }
}
