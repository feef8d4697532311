package io.activitygateway.sandbox.world;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The people every simulated API shares, derived from the seed alone. */
public final class World {

    /** Onehub time zones handed out in turn; the first user gets the documented sample's zone. */
    public static final List<ZoneId> DEFAULT_ZONES = List.of(ZoneId.of("America/Los_Angeles"),
            ZoneId.of("Europe/Berlin"), ZoneId.of("Asia/Kolkata"), ZoneId.of("UTC"), ZoneId.of("Australia/Sydney"),
            ZoneId.of("America/New_York"), ZoneId.of("Asia/Tokyo"), ZoneId.of("Europe/Kyiv"));

    private static final String[][] PEOPLE = {
        {"Matthew Anderson", "matthew.anderson"},
        {"Zoë O'Brien", "zoe.obrien"},
        {"José Müller", "jose.mueller"},
        {"Łukasz Żółć", "lukasz.zolc"},
        {"Renée \"Rae\" Dubois", "renee.dubois"},
        {"Åsa Lindqvist", "asa.lindqvist"},
        {"Siobhán Ní Bhriain", "siobhan.nibhriain"},
        {"Олена Коваль", "olena.koval"},
        {"Ngozi Okafor", "ngozi.okafor"},
        {"Chen <Wei> & Co", "chen.wei"},
        {"Björn Þórsson", "bjorn.thorsson"},
        {"Priya Raghunathan", "priya.raghunathan"},
    };

    private final List<Person> people;

    private World(List<Person> people) {
        this.people = List.copyOf(people);
    }

    /**
     * {@code size} people (at most 12): the first is always the documented sample's Matthew Anderson, an
     * administrator everywhere; the rest come in a seed-dependent order with seed-dependent ids.
     */
    public static World generate(long seed, int size, List<ZoneId> zones) {
        if (size < 2 || size > PEOPLE.length) {
            throw new IllegalArgumentException("people must be between 2 and " + PEOPLE.length);
        }
        if (zones.isEmpty()) {
            throw new IllegalArgumentException("at least one time zone is needed");
        }
        Random random = new Random(seed);
        List<String[]> order = new ArrayList<>(List.of(PEOPLE).subList(1, PEOPLE.length));
        java.util.Collections.shuffle(order, random);
        order.add(0, PEOPLE[0]);
        long kantataBase = 100 + random.nextInt(900);
        long worksectionBase = 10 + random.nextInt(90);
        long onehubBase = 400 + random.nextInt(100);
        List<Person> people = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            String[] p = order.get(i);
            people.add(new Person(i, p[0], p[1] + "@example.com", kantataBase + i * 7L, worksectionBase + i,
                    onehubBase + i * 3L, zones.get(i % zones.size())));
        }
        return new World(people);
    }

    /** The same world with person {@code index} called {@code name} (e.g. markup, to try a client's escaping). */
    public World renamed(int index, String name) {
        if (index < 0 || index >= people.size()) {
            throw new IllegalArgumentException("no person " + index + "; the world has " + people.size());
        }
        List<Person> renamed = new ArrayList<>(people);
        Person p = renamed.get(index);
        renamed.set(index, new Person(p.index(), name, p.email(), p.kantataUserId(), p.worksectionUserId(),
                p.onehubUserId(), p.zone()));
        return new World(renamed);
    }

    public List<Person> people() {
        return people;
    }

    public Person person(int index) {
        return people.get(index);
    }
}
