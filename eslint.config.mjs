import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// connector-common's runtime, lowest layer first (docs/architecture.md draws it). A folder imports
// only from layers below its own, so the pipeline reads one way; the conformance kit, market share
// and the exchange families sit outside the runtime and nothing in it imports them.
const RUNTIME_LAYERS = [
  ['errors', 'time', 'json', 'model', 'concurrency'],
  ['protocol', 'definition', 'incremental'],
  ['config', 'requester', 'record-selector'],
  ['retriever'],
  ['paginator', 'probe'],
  ['streams'],
  ['connector'],
  ['runner'],
];
const OUTSIDE_RUNTIME = ['testing', 'market-share', 'families'];
const layerRules = RUNTIME_LAYERS.flatMap((layer, i) => {
  const above = [...RUNTIME_LAYERS.slice(i).flat(), ...OUTSIDE_RUNTIME];
  return layer.map((folder) => ({
    files: [`packages/connector-common/src/${folder}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: above
            .filter((other) => other !== folder)
            .map((other) => ({
              regex: `^\\.\\./${other}(/|$)`,
              message: `${folder}/ sits below ${other}/ in connector-common's layers (docs/architecture.md): move the shared piece down instead.`,
            })),
        },
      ],
    },
  }));
});

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/lib/**',
      '**/out/**',
      '**/dist/**',
      '.tools/**',
      '.demo/**',
      'coverage/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {argsIgnorePattern: '^_', varsIgnorePattern: '^_'},
      ],
      '@typescript-eslint/explicit-module-boundary-types': 'off',
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
    },
  },
  ...layerRules,
  {
    files: ['**/test/**/*.ts', 'scripts/**/*.ts', '**/bench/**'],
    rules: {'no-console': 'off'},
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs', '**/bin/*'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: {'@typescript-eslint/no-require-imports': 'off'},
  }
);
