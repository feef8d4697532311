package io.activitygateway.gateway.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.activitygateway.gateway.config.GatewayConfig;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final byte[] KEY = new byte[32];
    private static final byte[] OTHER_KEY = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            KEY[i] = (byte) i;
            OTHER_KEY[i] = (byte) (i + 1);
        }
    }

    @Test
    void sealedSecretsOpenOnlyWithTheKeyAndOnTheirOwnConnection() throws Exception {
        SecretCipher cipher = new SecretCipher(KEY);
        String sealed = cipher.encrypt("{\"token\":\"s3cret-token\"}", "acme");
        assertTrue(sealed.startsWith("v1:"));
        assertFalse(sealed.contains("s3cret"));
        assertFalse(sealed.equals(cipher.encrypt("{\"token\":\"s3cret-token\"}", "acme")), "a fresh nonce each time");
        assertEquals("{\"token\":\"s3cret-token\"}", cipher.decrypt(sealed, "acme"));
        assertThrows(GeneralSecurityException.class, () -> cipher.decrypt(sealed, "other"), "copied to another row");
        assertThrows(GeneralSecurityException.class, () -> new SecretCipher(OTHER_KEY).decrypt(sealed, "acme"));
        String tampered = sealed.substring(0, sealed.length() - 4) + (sealed.endsWith("AAAA") ? "BBBB" : "AAAA");
        assertThrows(GeneralSecurityException.class, () -> cipher.decrypt(tampered, "acme"));
    }

    private static GatewayConfig.SecretsKey key(String inline) {
        return new GatewayConfig.SecretsKey() {
            @Override
            public Optional<String> key() {
                return Optional.ofNullable(inline);
            }

            @Override
            public Optional<Path> keyFile() {
                return Optional.empty();
            }
        };
    }

    @Test
    void aKeyThatIsNotAnAesKeyInBase64IsAProblemNamingItsKey() {
        List<String> problems = new ArrayList<>();
        assertTrue(ManagedConnections.cipher(key(Base64.getEncoder().encodeToString(KEY)), problems).isPresent());
        assertTrue(ManagedConnections.cipher(key(null), problems).isEmpty());
        assertEquals(List.of(), problems);
        ManagedConnections.cipher(key("REPLACE-ME"), problems);
        ManagedConnections.cipher(key(Base64.getEncoder().encodeToString(new byte[20])), problems);
        assertEquals(2, problems.size(), problems.toString());
        problems.forEach(p -> assertTrue(p.startsWith("gateway.secrets.key: "), p));
    }
}
