package dev.skein.durable;

import dev.skein.graph.Graph;
import dev.skein.graph.RunReport;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The service the kill test kills: runs one saga per order given on the command line ({@code order=POINT:task}),
 * each of which stops for good at its kill point after printing {@code AT POINT:task order}.
 * Arguments: the schema, then the orders.
 */
public final class SagaService {

    private SagaService() {
    }

    public static void main(String[] args) throws Exception {
        PGSimpleDataSource dataSource = Postgres.dataSource(Postgres.PORT, args[0]);
        dataSource.setApplicationName(applicationName(args[0])); // the test waits until none of its sessions is left
        Map<String, Saga.KillPoint> plan = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            plan.put(args[i].substring(0, equals), Saga.KillPoint.parse(args[i].substring(equals + 1)));
        }
        Saga.Points stops = new Saga.Points() {
            @Override
            public void at(String order, Saga.Point point, String task) {
                Saga.KillPoint kill = plan.get(order);
                if (kill.point() == point && kill.task().equals(task)) {
                    say("AT " + kill + " " + order);
                    while (true) { // until the kill
                        LockSupport.park();
                    }
                }
            }

            @Override
            public boolean declines(String order) {
                return plan.get(order).point().compensating();
            }
        };
        DurableGraphs durable = DurableGraphs.builder(dataSource).instanceName("saga-service")
                .takeover(Duration.ofSeconds(1)).start();
        Graph<Saga.Order> saga = Saga.graph(durable.journal(), dataSource, stops);
        durable.register(saga);
        for (String order : plan.keySet()) {
            Thread.ofPlatform().name("saga " + order).start(() -> {
                try {
                    RunReport report = saga.runForReport(new Saga.Order(order));
                    say("ENDED " + order + " " + report.outcome() + " " + report.failure().map(Throwable::toString).orElse(""));
                } catch (Throwable t) {
                    say("ENDED " + order + " " + t);
                }
            });
        }
    }

    /** {@return the PostgreSQL application name of the services of {@code schema}'s lane} */
    static String applicationName(String schema) {
        return "kill-test service " + schema;
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
