package io.roundtrip.reverseetl.destinations.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A scriptable HTTP server on 127.0.0.1 and a free port, for testing HTTP destinations against
 * something that behaves like the real API.
 *
 * <ul>
 *   <li>Every request is recorded before it is answered ({@link #requests()}), so once a client
 *       call returns, the request is there to assert on.
 *   <li>The happy path is {@link #handle} (in-memory state in a subclass, or the function given to
 *       the constructor).
 *   <li>{@link #enqueue} scripts the next answer for a route (method + path suffix): a fixed reply
 *       (a 429 with {@code Retry-After}, a 503, a malformed body), holding the response past the
 *       client's timeout either before or after the happy path has applied the request, or the
 *       happy path itself (to script the request after it). Each script is used once, in order.
 *   <li>Held responses wait on a latch that {@link #close()} releases, never on a sleep.
 * </ul>
 */
public class FakeHttpServer implements AutoCloseable {

  /** What to do with the next matching request. */
  public sealed interface Step {}

  /** The happy path, as if nothing were scripted: lets a test script the request after this one. */
  public record Apply() implements Step {}

  /** Answer this instead of the happy path (the request is not applied). */
  public record Respond(Reply reply) implements Step {}

  /** Answer nothing until released: the request is not applied, the client times out. */
  public record Hold() implements Step {}

  /** Apply the request (happy path), then answer nothing until released: it worked, the client cannot know. */
  public record ApplyThenHold() implements Step {}

  private record Script(String method, String pathSuffix, Step step) {}

  /** Bounds a hold if a test forgets to close the fake; far beyond any test client timeout. */
  private static final long MAX_HOLD_SECONDS = 30;

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Function<RecordedRequest, Reply> happyPath;
  private final List<RecordedRequest> requests = new ArrayList<>();
  private final Deque<Script> scripts = new ArrayDeque<>();
  private final CountDownLatch release = new CountDownLatch(1);

  /** For a subclass that overrides {@link #handle}. */
  protected FakeHttpServer() {
    this(null);
  }

  /** @param happyPath how requests are answered when nothing is scripted */
  public FakeHttpServer(Function<RecordedRequest, Reply> happyPath) {
    this.happyPath = happyPath;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor); // a held exchange must not block the others
    server.createContext("/", this::exchange);
  }

  public void start() {
    server.start();
  }

  /** {@code http://127.0.0.1:<port>/} */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public synchronized void enqueue(String method, String pathSuffix, Reply reply) {
    scripts.add(new Script(method, pathSuffix, new Respond(reply)));
  }

  public synchronized void enqueue(String method, String pathSuffix, Step step) {
    scripts.add(new Script(method, pathSuffix, step));
  }

  public synchronized List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  public synchronized List<RecordedRequest> requests(String method, String pathSuffix) {
    return requests.stream().filter(r -> r.is(method, pathSuffix)).toList();
  }

  public synchronized int requestCount(String method, String pathSuffix) {
    return requests(method, pathSuffix).size();
  }

  /** Lets held responses go (they then fail to reach a client that gave up). */
  public void releaseHeldResponses() {
    release.countDown();
  }

  @Override
  public void close() {
    releaseHeldResponses();
    server.stop(0);
    executor.shutdownNow();
  }

  /** The happy path; a subclass implements the API here. */
  protected Reply handle(RecordedRequest request) {
    return happyPath == null ? Reply.status(404) : happyPath.apply(request);
  }

  private void exchange(HttpExchange exchange) throws IOException {
    try {
      RecordedRequest request = record(exchange);
      Reply reply;
      try {
        reply = respond(request);
      } catch (RuntimeException e) {
        // a bug in a fake should show up as a 500 in the test, not as a hung client
        reply = Reply.text(500, "fake failed: " + e);
      }
      if (reply != null) {
        send(exchange, reply);
      }
    } finally {
      exchange.close();
    }
  }

  /** The reply, or null when the script holds the response until released. */
  private Reply respond(RecordedRequest request) {
    Step step = nextStep(request);
    if (step instanceof Respond respond) {
      return respond.reply();
    }
    if (step instanceof Apply) {
      return handle(request);
    }
    if (step instanceof Hold) {
      hold();
      return null;
    }
    if (step instanceof ApplyThenHold) {
      handle(request);
      hold();
      return null;
    }
    return handle(request);
  }

  private RecordedRequest record(HttpExchange exchange) throws IOException {
    byte[] body = exchange.getRequestBody().readAllBytes();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
    URI uri = exchange.getRequestURI();
    RecordedRequest request = new RecordedRequest(
        exchange.getRequestMethod(),
        uri.getPath(),
        uri.getRawPath(),
        uri.getRawQuery() == null ? "" : uri.getRawQuery(),
        Map.copyOf(headers),
        body);
    synchronized (this) {
      requests.add(request);
    }
    return request;
  }

  private synchronized Step nextStep(RecordedRequest request) {
    for (Script script : scripts) {
      if (request.is(script.method(), script.pathSuffix())) {
        scripts.remove(script);
        return script.step();
      }
    }
    return null;
  }

  private void hold() {
    try {
      release.await(MAX_HOLD_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(HttpExchange exchange, Reply reply) {
    try {
      reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    } catch (IOException clientGone) {
      // the client timed out or hung up: nothing left to tell it
    }
  }
}
