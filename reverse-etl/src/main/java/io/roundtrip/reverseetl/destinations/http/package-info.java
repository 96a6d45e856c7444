/**
 * A small JSON-over-HTTP client shared by the HTTP destinations (Ambassador, Promoter, webhook).
 *
 * <p>It makes exactly one request per call and turns what came back into a {@link
 * io.roundtrip.reverseetl.destination.RecordResult} through {@link
 * io.roundtrip.reverseetl.delivery.ResponseClassifier}, the single place that knows what a status
 * or a transport failure means. Retrying, backoff, batch splitting and rate limiting belong to the
 * sync engine, so nothing here sleeps or resends.
 *
 * <p>Credentials reach these classes already resolved. Every reason that leaves this package goes
 * through a {@link io.roundtrip.reverseetl.secrets.Redactor} first, because an API may
 * echo a request path (Ambassador puts its token there) or a header in an error body.
 */
package io.roundtrip.reverseetl.destinations.http;
