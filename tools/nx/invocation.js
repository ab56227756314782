// @ts-check
/**
 * Checks an Nx command line before any task runs (the plugin's `preTasksExecution` hook calls it).
 *
 * Nx resolves an unknown configuration to the target's default one without a word: `nx run data:deploy -c qa`
 * would deploy dev. Every target that takes an environment therefore has its configuration checked here, against
 * the environment names of libs/naming; deploy, destroy, plan and restore-drill must name one; `--profile` must
 * be a known profile. Plain JavaScript, like the plugin, so Nx loads it without a TypeScript loader; the names come
 * from libs/naming so they are declared once.
 */
const yargsParser = require('yargs-parser');

/** Targets whose configuration is an environment. */
const ENVIRONMENT_TARGETS = ['synth', 'synth-hardened', 'diff', 'deploy', 'destroy', 'cost', 'plan', 'status', 'verify', 'restore-drill'];

/** Targets that act on an environment's resources (or plan to): no default environment, the command names one. */
const EXPLICIT_ENVIRONMENT_TARGETS = ['deploy', 'destroy', 'plan', 'restore-drill'];

/**
 * The targets and project a command line runs, and the configuration and overrides it passes.
 * @param {readonly string[]} args the arguments after `nx`
 */
function parseNxCommand(args) {
  const parsed = yargsParser([...args], {
    alias: { configuration: ['c'], targets: ['t', 'target'], projects: ['p'] },
    string: ['configuration', 'profile', 'environment', 'env', 'projects'],
    array: ['targets'],
    configuration: { 'camel-case-expansion': false },
  });
  const positional = parsed._.map(String);
  /** @type {string[]} */
  let targets = [];
  let project = typeof parsed.projects === 'string' ? parsed.projects : '';
  let configuration = typeof parsed.configuration === 'string' ? parsed.configuration : undefined;
  const command = positional[0] ?? '';
  const fromSpecifier = (/** @type {string} */ specifier) => {
    const [p, t, c] = specifier.split(':');
    project = p;
    if (t) targets = [t];
    if (c && configuration === undefined) configuration = c;
  };
  if (command === 'run' && positional[1]) fromSpecifier(positional[1]);
  else if (command === 'run-many' || command === 'affected') {
    targets = (parsed.targets ?? []).flatMap((/** @type {unknown} */ t) => String(t).split(',')).filter(Boolean);
  } else if (command.includes(':')) fromSpecifier(command);
  else if (command) {
    // `nx synth data`: the target first, then the project.
    targets = [command];
    project = positional[1] ?? project;
  }
  return { targets, project, configuration, parsed };
}

/**
 * The problems of an Nx command line, each a complete message (empty when it may run).
 * @param {readonly string[]} args the arguments after `nx`
 * @param {{ environments: readonly string[], profiles: readonly string[] }} names
 * @returns {string[]}
 */
function invocationProblems(args, names) {
  const { targets, project, configuration, parsed } = parseNxCommand(args);
  const envTargets = targets.filter((t) => ENVIRONMENT_TARGETS.includes(t));
  if (envTargets.length === 0) return [];
  const envList = names.environments.join(', ');
  const example = (/** @type {string} */ target, /** @type {string} */ suffix = '') =>
    `npx nx run ${project && !project.includes(',') ? project : '<tier>'}:${target} -c ${names.environments.includes('dev') ? 'dev' : names.environments[0]}${suffix}`;
  const target = envTargets[0];
  /** @type {string[]} */
  const problems = [];
  if (configuration !== undefined && configuration.includes('=')) {
    const [key, value] = configuration.split('=');
    problems.push(
      key === 'profile'
        ? `"-c ${configuration}" is the CDK CLI's context form. Through Nx, -c names the environment (${envList}) and ` +
            `the profile is an option: ${example(target, ` --profile=${names.profiles.includes(value) ? value : names.profiles.join('|')}`)}.`
        : key === 'env'
          ? `"-c ${configuration}" is the CDK CLI's context form. Through Nx, -c names the environment itself: ` +
            `npx nx run ${project || '<tier>'}:${target} -c ${value || '<env>'}.`
          : `Unknown configuration "${configuration}" for ${envTargets.join(', ')}. Through Nx, -c names the environment ` +
            `(${envList}); ShowCore reads no other context. Example: ${example(target)}.`,
    );
  } else if (configuration !== undefined && !names.environments.includes(configuration)) {
    problems.push(
      `Unknown environment "${configuration}" (from nx -c ${configuration}) for ${envTargets.join(', ')}. ` +
        `Expected one of: ${envList}. Example: ${example(target)}.`,
    );
  }
  const explicitTargets = envTargets.filter((t) => EXPLICIT_ENVIRONMENT_TARGETS.includes(t));
  const environmentOption = parsed.environment ?? parsed.env;
  if (configuration === undefined && environmentOption === undefined && explicitTargets.length > 0) {
    problems.push(
      `${explicitTargets.join(', ')} has no default environment: name the one to act on with -c <${names.environments.join('|')}>, ` +
        `e.g. ${example(explicitTargets[0])}.`,
    );
  }
  if (environmentOption !== undefined && !names.environments.includes(String(environmentOption))) {
    problems.push(`Unknown environment "${String(environmentOption)}" (from --environment). Expected one of: ${envList}. Example: ${example(target)}.`);
  }
  if (
    environmentOption !== undefined &&
    configuration !== undefined &&
    names.environments.includes(configuration) &&
    String(environmentOption) !== configuration
  ) {
    problems.push(`Two environments in one command: -c ${configuration} and --environment=${String(environmentOption)}. Keep one: ${example(target)}.`);
  }
  if (parsed.profile !== undefined && !names.profiles.includes(String(parsed.profile))) {
    problems.push(
      `Unknown configuration profile "${String(parsed.profile)}" (from --profile). Expected one of: ${names.profiles.join(', ')}. ` +
        `Pass one with --profile=<name>, or leave it out for the environment's own values.`,
    );
  }
  return problems;
}

module.exports = { ENVIRONMENT_TARGETS, EXPLICIT_ENVIRONMENT_TARGETS, invocationProblems, parseNxCommand };
