package io.activitygateway.benchmarks.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes a benchmark's figures as JSON under modules/benchmarks/target/results/, beside the printed table. */
public final class Results {

    private Results() {
    }

    public static Path write(String name, boolean full, Object results) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("benchmark", name);
        doc.put("size", full ? "full" : "smoke");
        doc.put("measuredAt", Instant.now().toString());
        doc.put("machine", Machine.describe());
        doc.put("results", results);
        try {
            Path dir = Path.of(System.getProperty("benchmarks.results", "modules/benchmarks/target/results"));
            Files.createDirectories(dir);
            Path file = dir.resolve(name + "-" + (full ? "full" : "smoke") + ".json");
            new ObjectMapper().findAndRegisterModules().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValue(file.toFile(), doc);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
