package io.tally.rpc.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tally.ledger.block.Block;
import io.tally.rpc.json.JsonValues;
import io.tally.rpc.jsonrpc.ErrorCode;
import io.tally.rpc.jsonrpc.JsonRpcDispatcher;
import io.tally.rpc.jsonrpc.MethodTable;
import io.tally.rpc.jsonrpc.RpcMethod;
import io.tally.rpc.method.GetTransactionMethod;
import io.tally.rpc.method.TallyMethods;
import io.tally.rpc.port.NodeQueries;
import io.tally.rpc.port.NodeStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON-RPC server: {@code POST /} (single and batch), {@code /ws} (the same API plus
 * subscriptions), {@code GET /health}, {@code /ready}, {@code /metrics}. Every request passes the
 * Host allowlist and CORS check first; bodies are read under the size limit whether or not they
 * declare a length. Requests are not logged at INFO.
 */
public final class RpcServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);
    private static final int MAX_THREADS = 64;
    private static final int THREAD_QUEUE = 1024;

    private final RpcConfig config;
    private final NodeQueries queries;
    private final JsonRpcDispatcher dispatcher;
    private final RpcMetrics metrics;
    private final boolean serveMetrics;
    private final SubscriptionHub hub;
    private final HttpGuards guards;
    private final Map<WsContext, WsClient> wsClients = new ConcurrentHashMap<>();
    private Javalin app;

    public RpcServer(RpcConfig config, NodeQueries queries) {
        this(config, queries, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    /** With a registry shared with the rest of the node, so {@code /metrics} shows everything. */
    public RpcServer(RpcConfig config, NodeQueries queries, PrometheusMeterRegistry registry) {
        this(config, queries, registry, true);
    }

    /**
     * As above; with {@code serveMetrics} false there is no {@code /metrics} endpoint (an operator
     * who does not want to expose it), though the counters still exist.
     */
    public RpcServer(RpcConfig config, NodeQueries queries, PrometheusMeterRegistry registry, boolean serveMetrics) {
        this.serveMetrics = serveMetrics;
        this.config = Objects.requireNonNull(config, "config");
        this.queries = Objects.requireNonNull(queries, "queries");
        this.metrics = new RpcMetrics(registry, queries);
        // Described in rpc.discover; the live instances are made per connection in onWsMessage.
        List<RpcMethod> socketOnly = List.of(new SubscribeMethod(null, s -> { }, config.maxSubscriptionsPerClient()),
            new UnsubscribeMethod(null, null));
        MethodTable table = TallyMethods.table(queries, socketOnly);
        this.dispatcher = new JsonRpcDispatcher(table, config.maxBatch(), config.maxBodyBytes(),
            config.requestTimeout(), metrics);
        GetTransactionMethod lookup = (GetTransactionMethod) table.get("tally_getTransaction")
            .orElseThrow(() -> new IllegalStateException("tally_getTransaction is not registered"));
        this.hub = new SubscriptionHub(queries.chain(), lookup, metrics, dispatcher.mapper(), config.headPollInterval());
        this.guards = new HttpGuards(config.allowedHosts(), config.corsOrigins());
    }

    /** Binds and starts serving. */
    public synchronized void start() {
        if (app != null) {
            throw new IllegalStateException("already started");
        }
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 8, 60_000,
            new BlockingArrayQueue<>(64, 64, THREAD_QUEUE));
        threads.setName("rpc-http");
        threads.setDaemon(true);
        long idleMillis = config.requestTimeout().toMillis();
        app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            cfg.startupWatcherEnabled = false;
            cfg.http.maxRequestSize = config.maxBodyBytes();
            cfg.http.prefer405over404 = true;
            cfg.jetty.threadPool = threads;
            cfg.jetty.modifyHttpConfiguration(h -> h.setSendServerVersion(false));
            cfg.jetty.addConnector((server, httpConfig) -> {
                ServerConnector c = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
                c.setHost(config.host());
                c.setPort(config.port());
                // Also the slow-loris defence: a connection that sends nothing for this long is closed.
                c.setIdleTimeout(idleMillis);
                return c;
            });
            cfg.jetty.modifyServer(server -> server.addBean(new ConnectionLimit(config.maxConnections(), server)));
            cfg.jetty.modifyWebSocketServletFactory(f -> {
                f.setMaxTextMessageSize(config.maxBodyBytes());
                f.setMaxBinaryMessageSize(1024);
                f.setIdleTimeout(java.time.Duration.ofMinutes(5));
            });
        });
        app.before(this::guard);
        app.options("/", ctx -> ctx.status(204));
        app.post("/", this::handlePost);
        app.get("/health", ctx -> json(ctx, 200, "{\"status\":\"ok\"}"));
        app.get("/ready", this::handleReady);
        if (serveMetrics) {
            app.get("/metrics", ctx -> {
                ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
                ctx.result(metrics.scrape());
            });
        }
        app.wsBeforeUpgrade("/ws", this::guard);
        app.ws("/ws", ws -> {
            ws.onConnect(ctx -> onWsConnect(ctx));
            ws.onMessage(ctx -> onWsMessage(ctx, ctx.message()));
            ws.onClose(ctx -> onWsClose(ctx));
            ws.onError(ctx -> onWsClose(ctx));
        });
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("unhandled error serving {}", ctx.path(), e);
            json(ctx, 500, errorBody(ErrorCode.INTERNAL_ERROR, "internal error"));
        });
        app.start();
        hub.start();
        LOG.info("JSON-RPC listening on {}:{}", config.host(), port());
    }

    /** The bound port (useful when the configured port was 0). */
    public int port() {
        if (app == null) {
            throw new IllegalStateException("not started");
        }
        return app.port();
    }

    /**
     * Counts a committed block and hands it to the subscription hub (which also polls the chain, so
     * a missed call only delays notifications). Cheap: the commit path calls it for every block.
     */
    public void onBlockCommitted(Block block) {
        metrics.blockCommitted(block);
        hub.committed(block);
    }

    public synchronized void stop() {
        hub.close();
        if (app != null) {
            app.stop();
            app = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void guard(Context ctx) {
        if (!guards.hostAllowed(ctx.header("Host"))) {
            json(ctx, 403, errorBody(ErrorCode.INVALID_REQUEST, "host not allowed"));
            ctx.skipRemainingHandlers();
            return;
        }
        String origin = ctx.header("Origin");
        if (!guards.originAllowed(origin)) {
            json(ctx, 403, errorBody(ErrorCode.INVALID_REQUEST, "origin not allowed"));
            ctx.skipRemainingHandlers();
            return;
        }
        if (origin != null) {
            ctx.header("Access-Control-Allow-Origin", guards.allowOriginHeader(origin));
            ctx.header("Vary", "Origin");
            ctx.header("Access-Control-Allow-Methods", "POST, GET, OPTIONS");
            ctx.header("Access-Control-Allow-Headers", "Content-Type");
            ctx.header("Access-Control-Max-Age", "600");
        }
    }

    private void handlePost(Context ctx) throws IOException {
        String type = ctx.header("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).split(";", 2)[0].trim().equals("application/json")) {
            json(ctx, 415, errorBody(ErrorCode.INVALID_REQUEST, "Content-Type must be application/json"));
            return;
        }
        byte[] body;
        try {
            body = BoundedBody.read(ctx.req().getInputStream(), ctx.req().getContentLengthLong(), config.maxBodyBytes());
        } catch (BodyTooLargeException e) {
            ObjectNode data = JsonValues.object();
            data.put("limit", config.maxBodyBytes());
            ctx.header("Connection", "close");
            json(ctx, 413, new String(dispatcher.write(JsonRpcDispatcher.error(null, ErrorCode.INVALID_REQUEST,
                e.getMessage(), data)), StandardCharsets.UTF_8));
            metrics.onCall("unknown", "413");
            return;
        }
        Optional<byte[]> response = dispatcher.handle(body);
        if (response.isEmpty()) {
            ctx.status(204);
            return;
        }
        ctx.status(200);
        ctx.contentType("application/json");
        ctx.result(response.get());
    }

    private void handleReady(Context ctx) {
        NodeStatus s = queries.node().status();
        boolean ready = !s.syncing() && s.quorumConnected();
        ObjectNode o = JsonValues.object();
        o.put("ready", ready);
        o.put("height", s.height());
        o.put("syncing", s.syncing());
        o.put("quorumConnected", s.quorumConnected());
        o.put("peers", s.peers());
        json(ctx, ready ? 200 : 503, o.toString());
    }

    private void onWsConnect(WsContext ctx) {
        if (wsClients.size() >= config.maxWsClients()) {
            ctx.closeSession(1013, "too many WebSocket clients");
            return;
        }
        wsClients.put(ctx, new WsClient(ctx, config.wsSendBuffer()));
        metrics.wsClients().set(wsClients.size());
    }

    private void onWsMessage(WsContext ctx, String message) {
        WsClient client = wsClients.get(ctx);
        if (client == null) {
            return;
        }
        List<Subscription> created = new ArrayList<>();
        SubscribeMethod subscribe = new SubscribeMethod(client, created::add, config.maxSubscriptionsPerClient());
        UnsubscribeMethod unsubscribe = new UnsubscribeMethod(client, hub);
        Function<String, RpcMethod> extra = name -> switch (name) {
            case "tally_subscribe" -> subscribe;
            case "tally_unsubscribe" -> unsubscribe;
            default -> null;
        };
        dispatcher.handle(message.getBytes(StandardCharsets.UTF_8), extra)
            .ifPresent(r -> client.send(new String(dispatcher.write(r), StandardCharsets.UTF_8)));
        for (Subscription s : created) {
            hub.add(s, s.topic == Subscription.Topic.TX_STATUS);
        }
    }

    private void onWsClose(WsContext ctx) {
        WsClient client = wsClients.remove(ctx);
        if (client != null) {
            client.markClosed();
            for (Subscription s : client.subscriptions.values()) {
                hub.remove(s);
            }
            client.subscriptions.clear();
        }
        metrics.wsClients().set(wsClients.size());
    }

    private static String errorBody(int code, String message) {
        return JsonRpcDispatcher.error(null, code, message, null).toString();
    }

    private static void json(Context ctx, int status, String body) {
        ctx.status(status);
        ctx.contentType("application/json");
        ctx.result(body);
    }
}
