package io.activitygateway.gateway.config;

import io.activitygateway.spi.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A credential set either inline ({@code key}, better as {@code ${ENV_VAR}}) or as a file ({@code key-file}, how
 * Kubernetes mounts secrets). Problems are added to the caller's list, each naming the full key.
 */
public final class SecretSettings {

    private SecretSettings() {
    }

    /** @param prefix the keys' common prefix, e.g. {@code gateway.sources.ws.}; {@code key} the inline key's name */
    public static Optional<Secret> read(String prefix, String key, Optional<String> inline, Optional<Path> file,
            List<String> problems) {
        if (inline.isPresent() && file.isPresent()) {
            problems.add(prefix + key + ": set either " + key + " or " + key + "-file, not both");
            return Optional.empty();
        }
        if (file.isPresent()) {
            try {
                String value = Files.readString(file.get()).strip();
                if (value.isEmpty()) {
                    problems.add(prefix + key + "-file: " + file.get() + " is empty");
                    return Optional.empty();
                }
                return Optional.of(new Secret(value));
            } catch (IOException e) {
                problems.add(prefix + key + "-file: cannot read " + file.get() + " (" + e.getClass().getSimpleName()
                        + ")");
                return Optional.empty();
            }
        }
        return inline.map(String::strip).filter(v -> !v.isEmpty()).map(Secret::new);
    }
}
