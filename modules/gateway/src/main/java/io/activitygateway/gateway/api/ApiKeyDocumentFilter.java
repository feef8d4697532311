package io.activitygateway.gateway.api;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/** Declares in the OpenAPI document that every operation takes an API key as a bearer token (Swagger UI's Authorize). */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ApiKeyDocumentFilter implements OASFilter {

    static final String SCHEME = "apiKey";

    @Override
    public void filterOpenAPI(OpenAPI api) {
        if (api.getComponents() == null) {
            api.setComponents(OASFactory.createObject(Components.class));
        }
        api.getComponents().addSecurityScheme(SCHEME, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("An API key (scope read or admin): 'Authorization: Bearer <key>'. The stream also takes"
                        + " access_token=<stream token>. Not needed when access control is off."));
        api.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(SCHEME));
    }
}
