// @ts-check
/**
 * Nx inference plugin for the ShowCore workspace: every project under apps/, libs/ or tools/ with a tsconfig.json gets
 * a `typecheck` target, and every folder with a cdk.json (a tier's CDK app) gets the same CDK targets
 * (synth, diff, deploy, destroy, cost) with one configuration per environment. Keeping them here, rather than
 * copied into four project.json files, is what makes the tiers behave the same way.
 *
 * Written in plain JavaScript so Nx can load it without a TypeScript loader.
 */
const fs = require('node:fs');
const path = require('node:path');
const { EXPLICIT_ENVIRONMENT_TARGETS, invocationProblems } = require('./invocation');

/** How the targets run a workspace TypeScript file (cwd: the workspace root): tools/lib/typescript.cjs, not tsx (~0.5 s of CPU less per start). */
const TS_NODE = 'node --require ./tools/lib/typescript.cjs';

/**
 * The environment and profile names, declared once in libs/naming (TypeScript, loaded through the workspace's loader,
 * tools/lib/typescript.cjs: every Nx process and plugin worker loads this plugin, and tsx's API cost ~0.25 s of CPU
 * there, an esbuild process included, where the loader's cached compile costs ~0.01 s).
 */
function namingNames() {
  require('../lib/typescript.cjs');
  const naming = require('../../libs/naming/src/invocation.ts');
  const environments = require('../../libs/naming/src/environments.ts');
  return { environments: [...environments.ENVIRONMENTS], profiles: [...naming.PROFILE_NAMES] };
}

const NAMES = namingNames();
const ENVIRONMENTS = NAMES.environments;
/** Targets that only read (synth, diff, cost, status, verify) default to dev; the ones that act name their environment. */
const DEFAULT_ENVIRONMENT = 'dev';
/** The environments whose switch to the hardened profile `npm test` synthesizes and plans. */
const HARDENED_ENVIRONMENTS = ENVIRONMENTS.filter((environment) => environment !== 'local');
/** Every assembly folder synth-all writes under cdk.out (tools/cdk/synthesize.ts, ALL_VARIANTS). */
const ALL_VARIANTS = [...ENVIRONMENTS, ...HARDENED_ENVIRONMENTS.map((environment) => `${environment}-hardened`)];
/** A tier's templates depend on its sources, the libs it uses, and the synthesizer (with what it imports) that runs its entry point. */
const SYNTH_INPUTS = [
  'production',
  '^production',
  '{workspaceRoot}/tools/cdk/synthesize.ts',
  '{workspaceRoot}/tools/lib/**/*.ts',
  '{workspaceRoot}/tools/lib/typescript.cjs',
  '!{workspaceRoot}/tools/lib/test/**/*',
];

/**
 * A runtime input: the installed version of a Python package (cfn-lint, moto), read from its metadata without
 * importing it (milliseconds, where `cfn-lint --version` takes a second). A new version reruns what it checks.
 */
function pythonPackageVersion(name) {
  return `python3 -c "import importlib.metadata as m; print(m.version('${name}'))"`;
}

function environmentConfigurations() {
  return Object.fromEntries(ENVIRONMENTS.map((environment) => [environment, { environment }]));
}

/** A target that runs tools/cdk/tier.ts for one tier; the environment arrives as --environment=<name>. */
function tierTarget(tier, action, extra = {}) {
  const explicit = EXPLICIT_ENVIRONMENT_TARGETS.includes(action);
  return {
    executor: 'nx:run-commands',
    options: {
      command: `${TS_NODE} tools/cdk/tier.ts ${action} --tier=${tier}`,
      cwd: '{workspaceRoot}',
      ...(explicit ? {} : { environment: DEFAULT_ENVIRONMENT }),
    },
    configurations: environmentConfigurations(),
    ...(explicit ? {} : { defaultConfiguration: DEFAULT_ENVIRONMENT }),
    ...extra,
  };
}

function cdkTargets(projectRoot) {
  const tier = path.basename(projectRoot);
  return {
    docs: {
      executor: 'nx:run-commands',
      options: { command: 'jest -c jest.config.js --passWithNoTests', cwd: '{projectRoot}', env: { SHOWCORE_DOC_TESTS: '1' } },
      cache: true,
      inputs: ['default', '^production', '{workspaceRoot}/jest.preset.js', '{workspaceRoot}/jest.runtime.js', '{workspaceRoot}/docs/runbooks/**/*'],
      metadata: { description: 'Tests of the tier README and runbooks against the code (test/docs/); Markdown is an input here only.' },
    },
    synth: tierTarget(tier, 'synth', {
      cache: true,
      inputs: SYNTH_INPUTS,
      outputs: [`{projectRoot}/cdk.out/{options.environment}`],
      metadata: { description: 'Synthesize the tier for an environment into cdk.out/<env> (cdk-nag runs here).' },
    }),
    'synth-hardened': {
      executor: 'nx:run-commands',
      options: { command: `${TS_NODE} tools/cdk/synthesize.ts --tier=${tier} --hardened`, cwd: '{workspaceRoot}' },
      cache: true,
      inputs: SYNTH_INPUTS,
      outputs: HARDENED_ENVIRONMENTS.map((environment) => `{projectRoot}/cdk.out/${environment}-hardened`),
      metadata: {
        description:
          'Synthesize dev, staging and prod with the hardened profile (design.md examples), in one process, so cfn-lint checks them and the plan of the switch to it is checked for every environment.',
      },
    },
    'synth-all': {
      executor: 'nx:run-commands',
      options: { command: `${TS_NODE} tools/cdk/synthesize.ts --tier=${tier}`, cwd: '{workspaceRoot}' },
      cache: true,
      inputs: SYNTH_INPUTS,
      outputs: ALL_VARIANTS.map((variant) => `{projectRoot}/cdk.out/${variant}`),
      metadata: {
        description:
          'Synthesize every environment and the hardened profile of dev, staging and prod in one process (cdk-nag on each): what `npm test` checks. The same assemblies, byte for byte, as the synth target writes one at a time.',
      },
    },
    'cfn-lint': {
      executor: 'nx:run-commands',
      options: { command: `${TS_NODE} tools/checks/cfn-lint.ts --tier=${tier}`, cwd: '{workspaceRoot}' },
      dependsOn: ['synth-all'],
      cache: true,
      inputs: [
        { dependentTasksOutputFiles: '**/*.template.json' },
        '{workspaceRoot}/.cfnlintrc.yaml',
        '{workspaceRoot}/tools/checks/cfn-lint.ts',
        { runtime: pythonPackageVersion('cfn-lint') },
      ],
      metadata: {
        description: 'cfn-lint on every template synth-all wrote for the tier: zero errors (accepted warnings in .cfnlintrc.yaml, with their reasons).',
      },
    },
    policies: {
      executor: 'nx:run-commands',
      options: { command: `${TS_NODE} tools/checks/template-policies.ts --tier=${tier}`, cwd: '{workspaceRoot}' },
      dependsOn: ['synth-all'],
      cache: true,
      inputs: [
        { dependentTasksOutputFiles: '**/*.template.json' },
        { dependentTasksOutputFiles: '**/manifest.json' },
        '{workspaceRoot}/tools/checks/**/*.ts',
        '{workspaceRoot}/tools/lib/**/*.ts',
        '!{workspaceRoot}/tools/**/test/**/*',
        { externalDependencies: ['@cdklabs/cdk-validator-cfnguard', '@aws-cdk/aws-service-spec'] },
      ],
      metadata: {
        description:
          "Template policies over every variant synth-all wrote: standard tags on every taggable resource, and AWS Control Tower's proactive controls (acknowledged exceptions in tools/checks/control-tower-acknowledgements.ts).",
      },
    },
    'hardened-switch': {
      executor: 'nx:run-commands',
      options: { command: `${TS_NODE} tools/checks/hardened-switch.ts --tier=${tier}`, cwd: '{workspaceRoot}' },
      dependsOn: ['synth-all'],
      cache: true,
      inputs: [
        { dependentTasksOutputFiles: '**/*.template.json' },
        { dependentTasksOutputFiles: '**/*.metadata.json' },
        { dependentTasksOutputFiles: '**/manifest.json' },
        '{workspaceRoot}/tools/plan/**/*.ts',
        '{workspaceRoot}/tools/lib/**/*.ts',
        '{workspaceRoot}/tools/checks/hardened-switch.ts',
        '{workspaceRoot}/tools/cost/sources.ts',
        '!{workspaceRoot}/tools/**/test/**/*',
        { externalDependencies: ['@aws-cdk/cloudformation-diff', '@aws-cdk/aws-service-spec'] },
      ],
      metadata: {
        description:
          'The plan of the switch to the hardened profile in dev, staging and prod refuses exactly the documented migrations (docs/runbooks/kms-key-migration.md).',
      },
    },
    cost: {
      ...tierTarget(tier, 'cost'),
      options: { command: `${TS_NODE} tools/cost/main.ts --tier=${tier}`, cwd: '{workspaceRoot}', environment: DEFAULT_ENVIRONMENT },
      dependsOn: ['synth'],
      metadata: { description: 'Monthly cost of the synthesized templates from the checked-in price table (tools/cost).' },
    },
    diff: tierTarget(tier, 'diff', {
      dependsOn: ['synth'],
      metadata: { description: 'Show what a deploy of the synthesized assembly would change.' },
    }),
    deploy: tierTarget(tier, 'deploy', {
      dependsOn: ['synth'],
      metadata: { description: 'Deploy the synthesized assembly after checking the SSM parameters it reads exist.' },
    }),
    plan: tierTarget(tier, 'plan', {
      options: { command: `${TS_NODE} tools/plan/main.ts --tier=${tier}`, cwd: '{workspaceRoot}' },
      cache: false,
      metadata: {
        description:
          'What a deploy would change, before CloudFormation runs: every resource change classified (add, modify, replace, remove); exit 3 on a refused replacement or removal of a stateful resource (docs/deploying.md).',
      },
    }),
    destroy: tierTarget(tier, 'destroy', {
      dependsOn: ['synth'],
      metadata: { description: 'Delete the tier stack(s); stateful resources are retained outside local.' },
    }),
  };
}

/**
 * The project's unit tests once more, instrumented: a line-coverage report (text summary, HTML, lcov) under
 * <project>/coverage that fails below the 80 % line threshold of jest.preset.js (tasks.md 17.1). Its own target,
 * run on demand (`npx nx run data:coverage`, `npx nx run-many -t coverage`): `npm test` runs the `test` target,
 * which collects no coverage and stays as fast as before.
 */
function coverageTarget() {
  return {
    executor: 'nx:run-commands',
    options: { command: 'jest -c jest.config.js --coverage --passWithNoTests', cwd: '{projectRoot}' },
    cache: true,
    inputs: ['default', '^production', '{workspaceRoot}/jest.preset.js', '{workspaceRoot}/jest.runtime.js', '{workspaceRoot}/libs/testing/src/**/*'],
    outputs: ['{projectRoot}/coverage'],
    metadata: { description: 'Unit tests with a line-coverage report; fails below 80 % of lines (tasks.md 17.1). Not part of npm test.' },
  };
}

/**
 * Refuses a command line whose environment or profile is unknown, or that deploys, destroys or plans without
 * naming an environment, before any task (or network call) runs. Nx would otherwise fall back to a default.
 * @type {import('nx/src/project-graph/plugins').PreTasksExecution}
 */
module.exports.preTasksExecution = async (_options, context) => {
  const problems = invocationProblems(context.argv.slice(2), NAMES);
  if (problems.length > 0) {
    process.exitCode = 2;
    throw new Error(problems.join('\n'));
  }
};

/** A project without unit tests (tools/emulator) has nothing to measure. */
function coverageIfTested(context, projectRoot) {
  return fs.existsSync(path.join(context.workspaceRoot, projectRoot, 'jest.config.js')) ? { coverage: coverageTarget() } : {};
}

/**
 * The tools projects and the shared libs are type-checked and linted together, by `tools:typecheck` and `tools:lint`
 * (tools/project.json): one TypeScript program and one eslint run over tools/ and libs/ instead of one per project,
 * each loading the same libraries (aws-cdk-lib's declarations alone are most of a type-check). A lib's change already
 * reran both (the tools import the libs), so nothing reruns that did not before. The tiers keep their own, so a
 * change to one tier reruns only its own. Each project's own targets run those. This plugin comes last in nx.json
 * so these replace @nx/eslint's lint.
 */
function toolsProjectChecks() {
  return Object.fromEntries(
    ['typecheck', 'lint'].map((target) => [
      target,
      {
        executor: 'nx:noop',
        dependsOn: [{ projects: ['tools'], target }],
        metadata: { description: `Runs as part of tools:${target} (one run over every tools project and shared lib).` },
      },
    ]),
  );
}

/** @type {import('nx/src/project-graph/plugins').CreateNodesV2} */
module.exports.createNodesV2 = [
  '{apps/*,libs/*,tools/*}/{cdk.json,tsconfig.json}',
  async (files, _options, context) =>
    files.map((file) => {
      const projectRoot = path.dirname(file);
      const targets =
        path.basename(file) === 'cdk.json'
          ? cdkTargets(projectRoot)
          : projectRoot.startsWith('tools/') || projectRoot.startsWith('libs/')
            ? { ...toolsProjectChecks(), ...coverageIfTested(context, projectRoot) }
            : {
                typecheck: {
                  executor: 'nx:run-commands',
                  // TypeScript 7's native compiler (package alias typescript-native): the same diagnostics several
                  // times faster. eslint, jest (SWC) and the lib release build keep TypeScript 6 (toolchain.md).
                  options: {
                    // One thread: npm test runs two tasks on the two cores, and tsc's own threads only added CPU.
                    command: `node ${path.posix.relative(projectRoot, 'node_modules/typescript-native/bin/tsc')} -p tsconfig.json --noEmit --singleThreaded`,
                    cwd: '{projectRoot}',
                  },
                  cache: true,
                  inputs: ['sources', '^production', '{workspaceRoot}/tsconfig.base.json', { externalDependencies: ['typescript-native'] }],
                  metadata: { description: 'Type-check sources and tests once (jest only transpiles), with the native TypeScript 7 compiler.' },
                },
                ...coverageIfTested(context, projectRoot),
              };
      return [file, { projects: { [projectRoot]: { targets } } }];
    }),
];
