package dev.reflex.executions;

import dev.reflex.actions.Action;
import dev.reflex.actions.ActionFiles;
import dev.reflex.actions.ActionFormat;
import dev.reflex.actions.ActionRegistry;
import dev.reflex.app.Service;
import dev.reflex.config.ConfigProblem;
import dev.reflex.config.LoadResult;
import dev.reflex.config.SourceFormat;
import dev.reflex.config.StrictLoader;
import dev.reflex.packs.PackSet;
import dev.reflex.runners.Runner;
import dev.reflex.runners.Runners;
import dev.reflex.runners.chat.ChatPostRunner;
import dev.reflex.runners.http.HttpRequestRunner;
import dev.reflex.runners.local.LocalShellRunner;
import dev.reflex.runners.mail.EmailRunner;
import dev.reflex.runners.noop.NoopRunner;
import dev.reflex.runners.remote.AgentRoutes;
import dev.reflex.runners.remote.RemoteShellRunner;
import dev.reflex.runners.remote.SshConnections;
import dev.reflex.runners.trigger.InjectTriggerRunner;
import dev.reflex.store.KeyValue;
import dev.reflex.store.Store;
import dev.reflex.template.TemplateEngine;
import dev.reflex.triggers.TriggerEmitter;
import dev.reflex.workflows.WorkflowStates;
import dev.reflex.workflows.orquesta.OrquestaRunner;
import dev.reflex.workflows.chain.ActionChainRunner;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the actions and executions feature for the composition root: the action and policy
 * registries (packs, then what the API stored), the runners, the engine, the rules seam and the
 * services to start, in order.
 */
public final class ExecutionsFeature {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutionsFeature.class);

    private final ActionRegistry actions;
    private final PolicyRegistry policies;
    private final Runners runners;
    private final ExecutionService service;
    private final ActionCaster caster;
    private final DefinitionRepository storedActions;
    private final DefinitionRepository storedPolicies;
    private final ActionFormat format;
    private final SshConnections ssh;
    private final HttpRequestRunner http;
    private final ChatPostRunner chat;
    private final dev.reflex.workflows.inquiry.Inquirer inquirer;

    /**
     * Wires the feature.
     *
     * @param store     the state store (not yet started)
     * @param packs     the loaded packs
     * @param templates the template engine
     * @param emitter   the trigger pipeline, or null when there is none yet
     * @param clock     the time source
     * @param settings  runner and engine settings
     */
    public ExecutionsFeature(Store store, PackSet packs, TemplateEngine templates, TriggerEmitter emitter, Clock clock,
                             RunnerSettings settings) {
        this(store, packs, templates, emitter, clock, settings, AgentRoutes.NONE);
    }

    /**
     * Wires the feature with the remote runners reaching hosts through their connected Reflex agents.
     *
     * @param agents the connected agents (the agents' hub), or {@link AgentRoutes#NONE} for SSH only
     */
    public ExecutionsFeature(Store store, PackSet packs, TemplateEngine templates, TriggerEmitter emitter, Clock clock,
                             RunnerSettings settings, AgentRoutes agents) {
        this.format = new ActionFormat(templates);
        this.actions = ActionRegistry.fromPacks(packs.packs(), new ActionFiles(templates));
        actions.problems().forEach(p -> LOG.error("action: {}", p));
        this.policies = PolicyRegistry.fromPacks(packs.packs());
        policies.problems().forEach(p -> LOG.error("policy: {}", p));
        this.ssh = new SshConnections(settings.remote(), clock);
        this.http = new HttpRequestRunner();
        this.chat = new ChatPostRunner(settings.chat());
        this.inquirer = new dev.reflex.workflows.inquiry.Inquirer(store, emitter, clock);
        Function<String, Optional<String>> kv = name -> store.keyValues().get(name).map(KeyValue::value);
        List<Runner> all = List.of(new NoopRunner(), LocalShellRunner.command(settings.local()),
                LocalShellRunner.script(settings.local()), RemoteShellRunner.command(ssh, agents),
                RemoteShellRunner.script(ssh, agents),
                http, new EmailRunner(settings.smtp()), chat, new InjectTriggerRunner((trigger, payload) -> {
                    if (emitter == null) {
                        throw new IllegalStateException("no trigger pipeline is running to inject " + trigger);
                    }
                    emitter.emit(trigger, payload, null);
                }), new OrquestaRunner(new WorkflowStates(store, clock), clock, kv), inquirer,
                new ActionChainRunner(new WorkflowStates(store, clock), templates, kv,
                        new dev.reflex.rules.ParameterCaster() {
                            @Override
                            public Map<String, Object> cast(String ref, Map<String, Object> parameters) {
                                return caster().cast(ref, parameters);
                            }

                            @Override
                            public boolean isShellCommand(String ref, String parameter) {
                                return caster().isShellCommand(ref, parameter);
                            }
                        }));
        this.runners = Runners.of(all);
        this.service = new ExecutionService(actions, runners, new ExecutionRepository(store), policies, templates, emitter,
                kv, clock, settings.execution());
        this.caster = new ActionCaster(actions, runners);
        this.storedActions = DefinitionRepository.actions(store, clock);
        this.storedPolicies = DefinitionRepository.policies(store, clock);
    }

    /** The services to start after the store, in order: stored definitions, then the engine. */
    public List<Service> services() {
        return List.of(definitions(), service);
    }

    /**
     * The service that loads the actions and policies the API stored (start it before anything that
     * requests executions) and closes the runners' connections when stopped.
     */
    public Service definitions() {
        return new Service() {
            @Override
            public String name() {
                return "action-definitions";
            }

            @Override
            public void start() {
                loadStored();
            }

            @Override
            public void stop() {
                ssh.close();
                http.close();
                chat.close();
            }
        };
    }

    private void loadStored() {
        for (Map.Entry<String, String> e : storedActions.all().entrySet()) {
            LoadResult<Action> r = StrictLoader.load("stored action " + e.getKey(), e.getValue(), SourceFormat.YAML,
                    format.fromApi());
            r.problems().stream().map(ConfigProblem::toString).forEach(p -> LOG.error("stored action: {}", p));
            r.values().forEach(actions::put);
        }
        for (Map.Entry<String, String> e : storedPolicies.all().entrySet()) {
            LoadResult<Policy> r = StrictLoader.load("stored policy " + e.getKey(), e.getValue(), SourceFormat.YAML,
                    PolicyFormat.of(null));
            r.problems().stream().map(ConfigProblem::toString).forEach(p -> LOG.error("stored policy: {}", p));
            r.values().forEach(policies::put);
        }
    }

    /** The API modules of the feature. */
    public List<dev.reflex.api.ApiModule> apiModules(String systemUser, Clock clock) {
        return List.of(new dev.reflex.api.ActionsModule(actions, runners, format, storedActions),
                new dev.reflex.api.ExecutionsModule(service, actions, clock, systemUser),
                new dev.reflex.api.PoliciesModule(policies, storedPolicies),
                new dev.reflex.api.InquiriesModule(inquirer, service, systemUser));
    }

    /** The engine. */
    public ExecutionService executions() {
        return service;
    }

    /** The inquirer runner ({@code core.ask}). */
    public dev.reflex.workflows.inquiry.Inquirer inquirer() {
        return inquirer;
    }

    /** The actions. */
    public ActionRegistry actions() {
        return actions;
    }

    /** The policies. */
    public PolicyRegistry policies() {
        return policies;
    }

    /**
     * Whether the {@code chat} pack posts to a chat platform; when not, {@code chat.post} writes its
     * message to the server log and its result only.
     */
    public boolean chatConfigured() {
        return chat.configured();
    }

    /** The runners. */
    public Runners runners() {
        return runners;
    }

    /** The rules engine's caster (parameter types, shell commands). */
    public ActionCaster caster() {
        return caster;
    }

    /** The rules engine's sink: rule enforcements become executions. */
    public RuleExecutionSink ruleSink() {
        return new RuleExecutionSink(service, caster);
    }
}
