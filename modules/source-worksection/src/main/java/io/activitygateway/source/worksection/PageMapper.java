package io.activitygateway.source.worksection;

import com.fasterxml.jackson.databind.JsonNode;
import io.activitygateway.model.SourceEvent;
import io.activitygateway.spi.RecordProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns the records of one response into events, setting aside those that cannot be read. */
final class PageMapper {

    /** What one response became. */
    record Page(List<SourceEvent> events, List<RecordProblem> problems) {
    }

    private final RecordMapper mapper;
    private final AccountTime time;

    PageMapper(RecordMapper mapper, AccountTime time) {
        this.mapper = mapper;
        this.time = time;
    }

    Page map(List<JsonNode> records, Window window) {
        List<SourceEvent> events = new ArrayList<>(records.size());
        List<RecordProblem> problems = new ArrayList<>();
        OccurrenceCounter occurrences = new OccurrenceCounter();
        for (JsonNode record : records) {
            Optional<String> missing = RecordMapper.missingEssentials(record);
            String dateText = record.path("date_added").asText("");
            Optional<DateAdded> date = DateAdded.parse(dateText);
            if (missing.isEmpty() && date.isEmpty()) {
                missing = Optional.of("date_added '" + dateText + "' is not YYYY-MM-DD HH:MM");
            }
            if (missing.isPresent()) {
                problems.add(RecordProblem.setAside(missing.get(), record.toString()));
                continue;
            }
            String key = occurrences.next(Fingerprint.of(record));
            Changes changes = Changes.of(record.get("new"), record.get("old"));
            events.add(mapper.map(record, key,
                    time.toInstant(date.get(), window.needFrom(), window.now()), date.get().precision(), changes));
            changes.problem().ifPresent(p -> problems.add(RecordProblem.storedPartially(p, record.toString())));
        }
        return new Page(events, problems);
    }
}
