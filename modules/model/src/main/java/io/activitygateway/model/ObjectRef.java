package io.activitygateway.model;

/**
 * A thing an event is about (the object) or lives in (the container).
 *
 * @param type lower snake case, e.g. {@code time_entry}; see {@link ObjectTypes#normalize(String)}
 */
public record ObjectRef(String type, String id, String name, String url) {

    public ObjectRef {
        type = ObjectTypes.normalize(type);
    }
}
