package io.activitygateway.gateway.scripted;

import io.activitygateway.spi.ConnectionSettings;
import io.activitygateway.spi.InvalidSettingException;
import io.activitygateway.spi.Secret;
import io.activitygateway.spi.SettingDescriptor;
import io.activitygateway.spi.SourceAdapter;
import io.activitygateway.spi.SourceKind;
import java.time.Duration;
import java.util.List;

/** A test-only source kind: pages through a {@link ScriptedUpstream} feed by record index. */
public class ScriptedKind implements SourceKind {

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public List<SettingDescriptor> settings() {
        return List.of(SettingDescriptor.optional("page-size", "records per request"));
    }

    @Override
    public Duration defaultLookback() {
        return Duration.ofMinutes(5);
    }

    @Override
    public Duration defaultInitialWindow() {
        return Duration.ofDays(1);
    }

    @Override
    public SourceAdapter create(ConnectionSettings settings) throws InvalidSettingException {
        Secret token = settings.requireToken();
        int pageSize;
        try {
            pageSize = Integer.parseInt(settings.option("page-size").orElse("50"));
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(settings.key("page-size"), "must be a whole number");
        }
        return new ScriptedAdapter(pageSize, token);
    }
}
