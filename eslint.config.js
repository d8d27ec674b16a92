// ESLint (flat config) for the browser code in static/ and its Node tests in tests/js/.
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    ignores: [".venv/**", "node_modules/**", "staticfiles/**", "static/vendor/**"],
  },
  js.configs.recommended,
  {
    // The editor: native ES modules loaded with <script type="module">.
    files: ["static/composer/editor/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.browser },
  },
  {
    // The other pages' scripts: classic scripts, one per page.
    files: ["static/**/*.js"],
    ignores: ["static/composer/editor/**"],
    languageOptions: { ecmaVersion: 2022, sourceType: "script", globals: globals.browser },
  },
  {
    files: ["tests/js/**/*.js", "eslint.config.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: globals.node },
  },
  {
    rules: {
      "no-unused-vars": ["error", { args: "after-used", caughtErrors: "none" }],
      eqeqeq: ["error", "always"],
      "prefer-const": "error",
      "no-var": "error",
    },
  },
];
