// typescript-eslint + Next's and React hooks' rules. (eslint-config-next is not used: it pulls in
// platform-specific resolver packages that are missing from the registry mirror, breaking `npm ci`.)
// Then the layers as import rules (tests/lint/boundaries.test.ts proves each one fails on a violation).
import tseslint from "typescript-eslint";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";

// An import source of one of the project's top-level areas, through the "@/" alias or a relative path.
const area = (re) => `^(@/|(\\.\\./)+)${re}(/|$)`;
const LAYER = {
  server: { regex: area("(lib/)?server"), message: "lib/domain is pure: no database, session or I/O (lib/server)." },
  app: { regex: area("app"), message: "Components never import from app/: pass server actions as props, keep shared types in lib/." },
  components: { regex: area("components"), message: "lib/domain is pure: no UI (components)." },
  ops: { regex: area("(lib/)?ops"), message: "The request path never imports operations tooling (lib/ops: migrate, backup, seed)." },
  scripts: { regex: area("scripts"), message: "The request path never imports scripts/." },
};
const restrict = (...layers) => ["error", { patterns: layers.map((l) => ({ ...LAYER[l] })) }];

export const BOUNDARIES = [
  // lib/domain: pure rules, importing nothing that does I/O or renders
  { files: ["lib/domain/**/*.{ts,tsx}"], rules: { "@typescript-eslint/no-restricted-imports": restrict("server", "app", "components", "ops", "scripts") } },
  // the request path: pages, actions, route handlers, components, server modules, the proxy
  { files: ["app/**/*.{ts,tsx}", "lib/server/**/*.{ts,tsx}", "proxy.ts"], rules: { "@typescript-eslint/no-restricted-imports": restrict("ops", "scripts") } },
  // components never import from app (server actions come in as props), nor operations tooling
  { files: ["components/**/*.{ts,tsx}"], rules: { "@typescript-eslint/no-restricted-imports": restrict("app", "ops", "scripts") } },
];

export default tseslint.config(
  {
    ignores: [
      "generated/**",
      ".next/**",
      ".next-*/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      ".data/**",
      "next-env.d.ts",
      "tests/lint/fixtures/**",
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,mjs}"],
    plugins: { "@next/next": nextPlugin, "react-hooks": reactHooks },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs["core-web-vitals"].rules,
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
    },
  },
  ...BOUNDARIES,
);
