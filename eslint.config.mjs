import { config } from '@n8n/node-cli/eslint';
import { globalIgnores } from 'eslint/config';

// n8n's official community-node rules (strict, n8n Cloud preset) for the shipped code.
// Tests, the mock server and scripts are not shipped and are not held to the runtime rules.
export default [...config, globalIgnores(['test/**', 'scripts/**', '**/*.js', '**/*.mjs'])];
