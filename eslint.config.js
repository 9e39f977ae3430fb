// ESLint flat config. The import bans below are how the architecture is enforced:
// shared/ stays pure, the renderer never reaches Node, and raw IPC is confined to the Electron shell.
import js from '@eslint/js';
import jsdoc from 'eslint-plugin-jsdoc';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeOnly = ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'dgram', 'http', 'https', 'tls', 'crypto', 'url'];
const nativeOrShell = ['electron', 'serialport', '@serialport/*', '@napi-rs/*', 'conf', 'ws', 'electron-store'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'shared/domain/oui-table.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { jsdoc },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/only-throw-error': 'error',
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', importNames: ['ipcRenderer'], message: 'Raw ipcRenderer lives only in electron/preload.' }],
      }],
    },
  },
  {
    files: ['shared/**/*.ts', 'electron/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'jsdoc/require-jsdoc': ['error', {
        publicOnly: true,
        require: { FunctionDeclaration: true, ClassDeclaration: true, ArrowFunctionExpression: true },
        contexts: ['ExportNamedDeclaration > TSTypeAliasDeclaration', 'ExportNamedDeclaration > TSInterfaceDeclaration', 'ExportNamedDeclaration > VariableDeclaration'],
      }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: [...nodeOnly, ...nativeOrShell, 'react', 'react-dom'], message: 'shared/ is pure: no Node, DOM, Electron or native imports.' },
          { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ must not depend on a shell or the UI.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', {
        patterns: [
          { group: [...nodeOnly, ...nativeOrShell], message: 'The renderer reaches the core only through the contract bridge.' },
          { group: ['**/electron/**'], message: 'The renderer must not import Node-side code.' },
        ],
      }],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['electron/**/*.ts', 'test/**/*.ts', '*.config.ts', '*.config.js', 'electron/cli/*.js'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
