// typescript-eslint rather than Biome: its rules read TypeScript's types, which is what finding a
// floating promise or a misused one takes (Biome's checks infer types only partly).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'bench-results/', 'test-artifacts/', 'tests/fixtures/', '**/*.cjs', '*.js', '*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      '@typescript-eslint/no-empty-function': 'error',
      'no-empty': ['error', { allowEmptyCatch: false }],
      'no-unreachable': 'error',
      'no-unused-private-class-members': 'error',
      'no-unused-expressions': 'off',
      '@typescript-eslint/no-unused-expressions': 'error',
      // An async function without await still states that it answers a promise (interfaces, fakes).
      '@typescript-eslint/require-await': 'off',
      // Scripts and tests load built bundles and manifests by computed path: only require() does that synchronously.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
);
