package dev.reflex.app;

import dev.reflex.api.ApiModule;
import dev.reflex.api.ApiServer;
import dev.reflex.api.KeysModule;
import dev.reflex.api.EnforcementsModule;
import dev.reflex.api.PacksModule;
import dev.reflex.api.RulesModule;
import dev.reflex.api.TriggersModule;
import dev.reflex.api.WebhooksModule;
import dev.reflex.api.SystemModule;
import dev.reflex.bus.Bus;
import dev.reflex.bus.InProcessBus;
import dev.reflex.config.ReflexConfig;
import dev.reflex.executions.ExecutionsFeature;
import dev.reflex.executions.RunnerSettings;
import dev.reflex.packs.PackDiscovery;
import dev.reflex.runners.chat.ChatSettings;
import dev.reflex.packs.PackSet;
import dev.reflex.rules.ExecutionRequestSink;
import dev.reflex.rules.ParameterCaster;
import dev.reflex.rules.RuleEnforcer;
import dev.reflex.rules.RuleEngine;
import dev.reflex.rules.RuleParser;
import dev.reflex.rules.service.RuleService;
import dev.reflex.rules.service.RulesDispatcher;
import dev.reflex.rules.store.EnforcementIndexer;
import dev.reflex.rules.store.EnforcementRepository;
import dev.reflex.rules.store.RuleRepository;
import dev.reflex.store.KeyValue;
import dev.reflex.store.Store;
import dev.reflex.store.Stores;
import dev.reflex.template.TemplateEngine;
import dev.reflex.triggers.TriggerEmitter;
import dev.reflex.triggers.TriggerTypeRegistry;
import dev.reflex.triggers.pipeline.DurableTriggerEmitter;
import dev.reflex.triggers.store.Ids;
import dev.reflex.triggers.store.TriggerInstanceRepository;
import dev.reflex.triggers.store.TriggerTypeRepository;
import dev.reflex.triggers.timers.Lease;
import dev.reflex.triggers.timers.TimerService;
import dev.reflex.triggers.webhooks.WebhookRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every service from the configuration with plain constructors,
 * starts them in order and stops them in reverse.
 *
 * <p>It is embeddable: tests create an {@code App} with port 0 and a temporary data directory, call
 * {@link #start()}, talk to {@link #httpPort()}, and {@link #close()} it.
 */
public final class App implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    private final ReflexConfig config;
    private final Clock clock;
    private final PrometheusMeterRegistry meters;
    private final Store store;
    private final Bus bus;
    private final PackSet packs;
    private final ApiServer api;
    private final DurableTriggerEmitter emitter;
    private final RuleService rules;
    private final TimerService timers;
    private final dev.reflex.sensu.SensuService sensu;
    /** Sensu's API at its root paths on a port of its own ({@code sensu.api}); null when off. */
    private final dev.reflex.sensu.SensuApiPort sensuPort;
    private final ExecutionsFeature executions;
    private final List<Service> services = new ArrayList<>();
    private final List<Service> started = new ArrayList<>();
    /** Completes with a service's failure, or with null when the application is closed. */
    private final CompletableFuture<Throwable> done = new CompletableFuture<>();
    private volatile boolean stopping;


    /**
     * Builds, without starting, every service the configuration asks for.
     *
     * @throws IllegalArgumentException when the configuration cannot work (such as an exposed API without keys)
     */
    public App(ReflexConfig config, Clock clock) {
        this(config, clock, RunnerSettings.defaults(), null);
    }

    /**
     * As {@link #App(ReflexConfig, Clock)}, with the runners configured by {@code runnerSettings}
     * (tests point SSH and SMTP at their own servers).
     */
    public App(ReflexConfig config, Clock clock, RunnerSettings runnerSettings) {
        this(config, clock, runnerSettings, null);
    }

    /**
     * As {@link #App(ReflexConfig, Clock)}, with the executions service that rule enforcement hands
     * its requests to (the seam the executions work plugs into; by default a sink that only records
     * the request in the enforcement).
     */
    public App(ReflexConfig config, Clock clock, Function<Store, ExecutionRequestSink> executions) {
        this(config, clock, RunnerSettings.defaults(), executions);
    }

    private App(ReflexConfig config, Clock clock, RunnerSettings runnerSettings,
                Function<Store, ExecutionRequestSink> sinkOverride) {
        this.config = config;
        this.clock = clock;
        this.meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        new JvmGcMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);

        this.packs = discoverPacks(config);
        this.store = Stores.open(config.store(), config.dataDir(), clock);
        this.bus = new InProcessBus(clock);

        TemplateEngine templates = new TemplateEngine();
        TriggerTypeRegistry types = TriggerTypeRegistry.withBuiltins();
        Function<String, Optional<String>> kv = name -> store.keyValues().get(name).map(KeyValue::value);
        RuleEngine engine = new RuleEngine(templates, kv, clock);
        TriggerInstanceRepository instances = new TriggerInstanceRepository(store);
        EnforcementRepository enforcements = new EnforcementRepository(store);
        TriggerTypeRepository typeStore = new TriggerTypeRepository(store, clock);
        this.rules = new RuleService(new RuleRepository(store, new RuleParser(templates, null)), typeStore, types, engine,
                templates, packs, clock);
        this.emitter = new DurableTriggerEmitter(types, rules::trigger, instances, bus, clock, engine::listensTo);
        this.sensu = new dev.reflex.sensu.SensuService(store, clock, sensuDefinitions(config, packs), emitter, true,
                ReflexCommand.version());
        this.executions = new ExecutionsFeature(store, packs, templates, emitter, clock,
                withSmtpFrom(config, withChatFrom(config, runnerSettings)), sensu.hub().commands());
        ExecutionRequestSink sink = sinkOverride == null ? executions.ruleSink() : sinkOverride.apply(store);
        ParameterCaster caster = sinkOverride == null ? executions.caster() : ParameterCaster.IDENTITY;
        RulesDispatcher dispatcher = new RulesDispatcher(store, bus, instances, enforcements, engine, emitter,
                s -> new RuleEnforcer(templates, kv, caster, s, clock, () -> Ids.next(clock),
                        runnerSettings.execution().systemUser()), sink);
        WebhookRegistry hooks = new WebhookRegistry();
        rules.addListener(hooks);
        this.timers = new TimerService(emitter::emit, new Lease(store, "timers", Ids.next(clock), Duration.ofSeconds(15),
                clock), clock, true);
        rules.addListener(timers);

        List<SystemModule.Check> checks = List.of(
                new SystemModule.Check("store", store::check),
                new SystemModule.Check("bus", bus::check));
        List<ApiModule> modules = new ArrayList<>();
        ApiServer[] self = new ApiServer[1];
        modules.add(new SystemModule(ReflexCommand.version(), clock, checks, meters, () -> self[0].routes()));
        modules.add(new KeysModule(store.keyValues()));
        modules.add(new PacksModule(() -> packs));
        modules.add(new WebhooksModule(hooks, emitter));
        modules.add(new RulesModule(rules, new RuleParser(templates, types)));
        modules.add(new TriggersModule(types, typeStore, rules, instances, emitter));
        modules.add(new EnforcementsModule(enforcements));
        dev.reflex.sensu.SensuApi sensuApi = new dev.reflex.sensu.SensuApi(sensu);
        modules.add(sensuApi);
        modules.addAll(executions.apiModules(runnerSettings.execution().systemUser(), clock));
        modules.add(new dev.reflex.api.TracesModule(instances, enforcements, executions.executions()));
        this.api = new ApiServer(config.http(), config.apiKeys(), modules, meters);
        self[0] = api;

        services.add(new DataDirLock(config.dataDir()));
        services.add(store);
        services.add(bus);
        services.add(executions.definitions());
        services.add(rules);
        services.add(dispatcher);
        if (store.dialect() == Store.Dialect.SQLITE) {
            services.add(new EnforcementIndexer(store, EnforcementIndexer.DEFAULT_INTERVAL));
        }
        services.add(executions.executions());
        services.add(timers);
        services.add(sensu);
        services.add(api);
        if (config.sensuApi() != null) {
            this.sensuPort = new dev.reflex.sensu.SensuApiPort(config.sensuApi(), config.http().maxRequestBytes(), sensuApi, kv);
            services.add(sensuPort);
        } else {
            this.sensuPort = null;
        }
    }

    /** The runner settings with the {@code smtp:} section of the configuration, when there is one. */
    private static RunnerSettings withSmtpFrom(ReflexConfig config, RunnerSettings settings) {
        ReflexConfig.Smtp s = config.smtp();
        if (s == null) {
            return settings;
        }
        String from = s.from() != null ? s.from() : settings.smtp().defaultFrom();
        dev.reflex.runners.mail.SmtpConfig smtp = new dev.reflex.runners.mail.SmtpConfig(s.host(), s.port(),
                dev.reflex.runners.mail.SmtpConfig.Security.valueOf(s.security().toUpperCase(java.util.Locale.ROOT)),
                java.util.Optional.ofNullable(s.username()), java.util.Optional.ofNullable(s.password()), from, s.timeout(),
                java.util.List.of());
        return settings.withSmtp(smtp);
    }

    /** The runner settings with the {@code chat:} section of the configuration, unless they carry their own chat settings. */
    private static RunnerSettings withChatFrom(ReflexConfig config, RunnerSettings settings) {
        ReflexConfig.Chat chat = config.chat();
        if (settings.chat().configured() || !chat.configured()) {
            return settings;
        }
        return settings.withChat(ChatSettings.of(chat.platform(), chat.url(), chat.tokenKey(), chat.channel(),
                chat.maxChars(), chat.timeout(), chat.maxRetries()));
    }

    /**
     * Starts every service in order. If one fails to start, those already started are stopped in
     * reverse and the cause is thrown.
     */
    public App start() throws Exception {
        for (Service s : services) {
            long t0 = System.nanoTime();
            try {
                s.start();
            } catch (Exception e) {
                LOG.error("service {} failed to start: {}", s.name(), e.toString());
                stopStarted();
                throw e;
            }
            started.add(s);
            s.failure().thenAccept(cause -> {
                if (!stopping) {
                    LOG.error("service {} failed; Reflex stops", s.name(), cause);
                    done.complete(cause);
                }
            });
            LOG.debug("service {} started in {} ms", s.name(), (System.nanoTime() - t0) / 1_000_000);
        }
        return this;
    }

    /** Stops every started service in reverse order; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (stopping) {
            return;
        }
        stopping = true;
        stopStarted();
        LOG.info("Reflex stopped");
        done.complete(null);
    }

    private synchronized void stopStarted() {
        for (int i = started.size() - 1; i >= 0; i--) {
            Service s = started.get(i);
            try {
                s.stop();
            } catch (Exception e) {
                LOG.warn("service {} failed to stop cleanly: {}", s.name(), e.toString());
            }
        }
        started.clear();
    }

    /**
     * Blocks until {@link #close()} is called or a service fails.
     *
     * @return the failure, or null after a normal stop
     */
    public Throwable awaitStop() throws InterruptedException {
        try {
            return done.get();
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        }
    }

    /** The port the HTTP API is bound to. */
    public int httpPort() {
        return api.port();
    }

    /**
     * The port Sensu's API listens on at Sensu's root paths ({@code sensu.api}).
     *
     * @throws IllegalStateException when {@code sensu.api} is not configured
     */
    public int sensuApiPort() {
        if (sensuPort == null) {
            throw new IllegalStateException("sensu.api is not configured");
        }
        return sensuPort.port();
    }

    /** The configuration this application was built from. */
    public ReflexConfig config() {
        return config;
    }

    /** The state store. */
    public Store store() {
        return store;
    }

    /** The packs found in the configured pack paths, plus the built-in ones. */
    public PackSet packs() {
        return packs;
    }

    /**
     * Finds the packs; a broken pack is reported and left out, and never stops the others or the server.
     */
    private static PackSet discoverPacks(ReflexConfig config) {
        PackSet set = new PackDiscovery().discover(config.packPaths());
        set.warnings().forEach(w -> LOG.warn("pack: {}", w));
        set.problems().forEach(p -> LOG.error("pack: {}", p));
        LOG.info("{} pack(s) loaded: {}", set.packs().size(), set.packs().stream().map(p -> p.ref()).toList());
        return set;
    }

    /** Where everything that happens enters: webhooks, timers, Sensu events, action completions. */
    public TriggerEmitter triggerEmitter() {
        return emitter;
    }

    /** The rules in force. */
    public RuleService rules() {
        return rules;
    }

    /** Loads the Sensu definitions once; problems are logged and the good definitions are used. */
    private static java.util.function.Supplier<dev.reflex.checks.SensuSettings> sensuDefinitions(ReflexConfig config,
            PackSet packs) {
        var loaded = dev.reflex.sensu.SensuDefinitions.load(config.dataDir(), packs.packs());
        loaded.problems().forEach(p -> LOG.error("sensu definitions: {}", p));
        dev.reflex.checks.SensuSettings settings = loaded.value();
        return () -> settings;
    }

    /** The Sensu service: event engine, agents, scheduler. */
    public dev.reflex.sensu.SensuService sensu() {
        return sensu;
    }

    /** Actions, policies, runners and the execution engine. */
    public ExecutionsFeature executions() {
        return executions;
    }

    /** The message bus. */
    public Bus bus() {
        return bus;
    }

    /** The metrics registry. */
    public PrometheusMeterRegistry meters() {
        return meters;
    }

    /** The clock every service reads time from. */
    public Clock clock() {
        return clock;
    }

    /** How long a stop may take before the process gives up waiting. */
    public static Duration stopGracePeriod() {
        return Duration.ofSeconds(20);
    }
}
