import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/**
 * The workspace tools (tools/<folder>, one Nx project each, tag `tool:<layer>`) and what each layer may import,
 * besides the shared libs (`type:lib`). Imports only point down: the tier runner (`tool:deploy`) never reaches the
 * local emulator, and nothing below `tool:workspace` imports the checks, docs, release or bench tools.
 */
const TOOL_LAYERS = {
  'tool:lib': [],
  'tool:emulator': ['tool:lib'],
  'tool:cost': ['tool:lib'],
  'tool:plan': ['tool:cost', 'tool:lib'],
  'tool:deploy': ['tool:plan', 'tool:lib'],
  'tool:status': ['tool:deploy', 'tool:lib'],
  'tool:verify': ['tool:lib'],
  'tool:local': ['tool:emulator', 'tool:deploy', 'tool:status', 'tool:verify', 'tool:lib'],
  'tool:workspace': ['tool:emulator', 'tool:cost', 'tool:plan', 'tool:deploy', 'tool:status', 'tool:verify', 'tool:local', 'tool:lib'],
};

/** Tests and e2e suites of any tool may also start the emulator (tools/emulator); the code they test may not. */
function moduleBoundaries({ testsUseEmulator }) {
  return [
    'error',
    {
      enforceBuildableLibDependency: false,
      allow: [],
      // Tools run under Node and are never bundled: a tool may import a module lazily in one file and statically in
      // another (the rule's lazy-loading check guards bundle splitting, which tools do not have).
      checkDynamicDependenciesExceptions: ['#tools/**'],
      depConstraints: [
        { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
        { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
        { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib', 'type:tool'] },
        ...Object.entries(TOOL_LAYERS).map(([sourceTag, layers]) => ({
          sourceTag,
          onlyDependOnLibsWithTags: ['type:lib', ...new Set([...layers, ...(testsUseEmulator && sourceTag !== 'tool:lib' ? ['tool:emulator'] : [])])],
        })),
      ],
    },
  ];
}

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/cdk.out/**', '**/dist/**', '**/coverage/**', '.nx/**', 'reports/**'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    rules: {
      // Apps may import libs, never other apps; libs import only libs (docs/decisions/0003); tools by layer (above).
      '@nx/enforce-module-boundaries': moduleBoundaries({ testsUseEmulator: false }),
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-new': 'off',
    },
  },
  {
    // Relative to the linted project's own eslint.config.mjs; for apps and libs the constraints are the same.
    files: ['**/test/**/*.ts', '**/e2e/**/*.ts'],
    rules: { '@nx/enforce-module-boundaries': moduleBoundaries({ testsUseEmulator: true }) },
  },
);
