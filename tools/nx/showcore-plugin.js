// @ts-check
/**
 * Nx inference plugin for the ShowCore workspace: every project under apps/ or libs/ with a tsconfig.json gets
 * a `typecheck` target, and every folder with a cdk.json (a tier's CDK app) gets the same CDK targets
 * (synth, diff, deploy, destroy, cost) with one configuration per environment. Keeping them here, rather than
 * copied into four project.json files, is what makes the tiers behave the same way.
 *
 * Written in plain JavaScript so Nx can load it without a TypeScript loader.
 */
const path = require('node:path');

const ENVIRONMENTS = ['local', 'dev', 'staging', 'prod'];
const DEFAULT_ENVIRONMENT = 'dev';

function environmentConfigurations() {
  return Object.fromEntries(ENVIRONMENTS.map((environment) => [environment, { environment }]));
}

/** A target that runs tools/cdk/tier.ts for one tier; the environment arrives as --environment=<name>. */
function tierTarget(tier, action, extra = {}) {
  return {
    executor: 'nx:run-commands',
    options: {
      command: `node --import tsx tools/cdk/tier.ts ${action} --tier=${tier}`,
      cwd: '{workspaceRoot}',
      environment: DEFAULT_ENVIRONMENT,
    },
    configurations: environmentConfigurations(),
    defaultConfiguration: DEFAULT_ENVIRONMENT,
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
      inputs: ['default', '^production', '{workspaceRoot}/jest.preset.js', '{workspaceRoot}/docs/runbooks/**/*'],
      metadata: { description: 'Tests of the tier README and runbooks against the code (test/docs/); Markdown is an input here only.' },
    },
    synth: tierTarget(tier, 'synth', {
      cache: true,
      inputs: ['production', '^production'],
      outputs: [`{projectRoot}/cdk.out/{options.environment}`],
      metadata: { description: 'Synthesize the tier for an environment into cdk.out/<env> (cdk-nag runs here).' },
    }),
    'synth-hardened': {
      executor: 'nx:run-commands',
      options: { command: `node --import tsx tools/cdk/tier.ts synth --tier=${tier} --environment=prod --profile=hardened`, cwd: '{workspaceRoot}' },
      cache: true,
      inputs: ['production', '^production'],
      outputs: ['{projectRoot}/cdk.out/prod-hardened'],
      metadata: { description: 'Synthesize prod with the hardened profile (design.md examples) so cfn-lint checks it too.' },
    },
    cost: {
      ...tierTarget(tier, 'cost'),
      options: { command: `node --import tsx tools/cost/main.ts --tier=${tier}`, cwd: '{workspaceRoot}', environment: DEFAULT_ENVIRONMENT },
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
    destroy: tierTarget(tier, 'destroy', {
      dependsOn: ['synth'],
      metadata: { description: 'Delete the tier stack(s); stateful resources are retained outside local.' },
    }),
  };
}

/** @type {import('nx/src/project-graph/plugins').CreateNodesV2} */
module.exports.createNodesV2 = [
  '{apps/*,libs/*,tools}/{cdk.json,tsconfig.json}',
  async (files) =>
    files.map((file) => {
      const projectRoot = path.dirname(file);
      const targets =
        path.basename(file) === 'cdk.json'
          ? cdkTargets(projectRoot)
          : {
              typecheck: {
                executor: 'nx:run-commands',
                options: { command: 'tsc -p tsconfig.json --noEmit', cwd: '{projectRoot}' },
                cache: true,
                metadata: { description: 'Type-check sources and tests once (jest only transpiles).' },
              },
            };
      return [file, { projects: { [projectRoot]: { targets } } }];
    }),
];
