/**
 * The order service of the order-saga sample: an order reserves stock and takes payment, and when anything fails,
 * what was done is undone.
 *
 * <ul>
 * <li>{@link dev.skein.samples.order.PlaceOrderSaga}: the saga as a Skein graph of annotated methods (create order,
 * reserve stock, authorise payment, confirm order) with their compensations;</li>
 * <li>{@link dev.skein.samples.order.OrderResource}: {@code POST /orders} in a Skein scope with a deadline, behind the
 * rate limit {@code orders-in}, idempotent by {@code Idempotency-Key}; {@code GET /orders/{id}/timeline}, the run that
 * placed an order as a Mermaid Gantt chart, from the last runs' reports ({@code RecentRuns});</li>
 * <li>{@link dev.skein.samples.order.OrderPlacement}: runs the saga and gives a failed order its reason
 * ({@link dev.skein.samples.order.FailureReasons});</li>
 * <li>{@code inventory}: the stock and three ways to take it safely ({@code sample.inventory.strategy}:
 * {@code pessimistic}, {@code optimistic}, {@code redis-lock});</li>
 * <li>{@code payment}: the payment service's REST Client and what its answers mean.</li>
 * </ul>
 *
 * <p>Run it on H2 with the payment service at {@code quarkus.rest-client.payment.url} (default
 * {@code http://localhost:8081}): {@code java -jar samples/order-service/target/quarkus-app/quarkus-run.jar}. On
 * PostgreSQL (127.0.0.1:5432, database {@code test}, user {@code postgres}): build with
 * {@code -Dquarkus.datasource.db-kind=postgresql} (the database kind is fixed at build time) and run with
 * {@code -Dquarkus.profile=pg}. Tests: {@code ./mvnw verify -pl samples/order-service -am} (H2, no services needed);
 * {@code -Ppostgres} runs them on PostgreSQL and adds the Redis ones.
 */
package dev.skein.samples.order;
