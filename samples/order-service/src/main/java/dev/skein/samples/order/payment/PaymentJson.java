package dev.skein.samples.order.payment;

/**
 * A payment as the payment service writes it ({@code GET /payments/{orderId}}), and the body of its error
 * answers, where only {@code reason} may be set. {@code budgetMs} is the time budget the authorise request
 * arrived with (the {@code Skein-Budget-Ms} header), if it had one.
 */
public record PaymentJson(String orderId, String status, Long amountCents, String reason, Long budgetMs) {
}
