package io.activitygateway.sandbox;

import io.activitygateway.sandbox.onehub.OnehubSimulator;
import io.activitygateway.sandbox.onehub.Role;
import io.activitygateway.sandbox.world.Person;
import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the sandbox standalone: {@code java -jar modules/sandbox/target/sandbox.jar [--flag=value ...]}.
 * Prints the base URLs and credentials, then serves until interrupted.
 */
public final class SandboxMain {

    static final String USAGE = """
            Usage: java -jar modules/sandbox/target/sandbox.jar [options]
              --port=8088               port to listen on (0 = any free port)
              --host=127.0.0.1          address to bind
              --seed=42                 world and activity seed
              --rate=5                  generated events per second, real time (0 = generator off)
              --backfill=0              events to generate at start, spread over --backfill-span
              --backfill-span=P7D       ISO-8601 duration the backfill covers, ending now
              --apis=kantata,worksection,onehub   which APIs to run
              --worksection-zone=Europe/Kyiv      Worksection account time zone
              --onehub-zones=America/Los_Angeles,Europe/Berlin,...   Onehub users' zones, in turn
              --kantata-token=kantata-admin-token
              --worksection-key=worksection-api-key
              --help
            """;

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Sandbox sandbox;
        try {
            sandbox = start(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (sandbox == null) {
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        stopped.await();
    }

    /** Parses {@code args}, starts the sandbox and prints how to reach it; null after {@code --help}. */
    static Sandbox start(String[] args, PrintStream out) {
        Map<String, String> flags = flags(args);
        if (flags.containsKey("help")) {
            out.print(USAGE);
            return null;
        }
        Sandbox.Builder builder = Sandbox.builder()
                .port(Integer.parseInt(flags.getOrDefault("port", "8088")))
                .host(flags.getOrDefault("host", "127.0.0.1"))
                .seed(Long.parseLong(flags.getOrDefault("seed", "42")));
        if (flags.containsKey("apis")) {
            Set<Api> apis = java.util.EnumSet.noneOf(Api.class);
            for (String api : flags.get("apis").split(",")) {
                apis.add(Api.parse(api));
            }
            builder.apis(apis);
        }
        if (flags.containsKey("onehub-zones")) {
            List<ZoneId> zones = new ArrayList<>();
            for (String zone : flags.get("onehub-zones").split(",")) {
                zones.add(ZoneId.of(zone.strip()));
            }
            builder.onehubZones(zones);
        }
        if (flags.containsKey("worksection-zone")) {
            ZoneId zone = ZoneId.of(flags.get("worksection-zone"));
            builder.worksection(s -> s.zone(zone));
        }
        if (flags.containsKey("worksection-key")) {
            builder.worksection(s -> s.apiKey(flags.get("worksection-key")));
        }
        if (flags.containsKey("kantata-token")) {
            builder.kantata(s -> s.token(flags.get("kantata-token")));
        }
        Sandbox sandbox = builder.start();
        int backfill = Integer.parseInt(flags.getOrDefault("backfill", "0"));
        if (backfill > 0) {
            sandbox.generator().generate(backfill, Duration.parse(flags.getOrDefault("backfill-span", "P7D")));
        }
        double rate = Double.parseDouble(flags.getOrDefault("rate", "5"));
        if (rate > 0) {
            sandbox.generator().start(rate);
        }
        describe(sandbox, rate, out);
        return sandbox;
    }

    private static Map<String, String> flags(String[] args) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            int eq = arg.indexOf('=');
            if (eq > 0) {
                flags.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else if (arg.equals("--help") || i + 1 >= args.length) {
                flags.put(arg.substring(2), "");
            } else {
                flags.put(arg.substring(2), args[++i]);
            }
        }
        return flags;
    }

    private static void describe(Sandbox sandbox, double rate, PrintStream out) {
        out.printf(Locale.ROOT, "Activity Gateway sandbox on %s (seed %d, generator %s)%n", sandbox.baseUrl(),
                sandbox.seed(), rate > 0 ? rate + " events/s" : "off");
        if (sandbox.apis().contains(Api.KANTATA)) {
            out.printf("  Kantata OX   %s%n               Authorization: Bearer %s   (non-admin, gets 403: %s)%n",
                    sandbox.kantataBaseUrl(), sandbox.kantata().settings().token(),
                    sandbox.kantata().settings().memberToken());
        }
        if (sandbox.apis().contains(Api.WORKSECTION)) {
            out.printf("  Worksection  %s%n               API key %s   hash = md5(query without hash + key); "
                    + "account zone %s%n", sandbox.worksectionBaseUrl(), sandbox.worksection().settings().apiKey(),
                    sandbox.worksection().settings().zone());
        }
        if (sandbox.apis().contains(Api.ONEHUB)) {
            out.printf("  Onehub       %s%n", sandbox.onehubBaseUrl());
            List<Long> workspaces = sandbox.onehub().workspaceIds();
            for (Person person : sandbox.world().people()) {
                List<String> roles = new ArrayList<>();
                for (long workspace : workspaces) {
                    sandbox.onehub().role(person, workspace).map(Role::name)
                            .ifPresent(r -> roles.add(workspace + ":" + r.toLowerCase(Locale.ROOT)));
                }
                out.printf("               Authorization: Bearer %-20s %s, %s, %s%n", OnehubSimulator.token(person),
                        person.name(), person.zone(), String.join(" ", roles));
            }
        }
        out.printf("  Control      %s   (status, world, truth, generator, faults, inject: docs/sandbox.md)%n",
                sandbox.controlUrl());
        out.flush();
    }
}
