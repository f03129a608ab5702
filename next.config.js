// @ts-check
const securityHeaders = [
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  {
    key: "Content-Security-Policy",
    // Next's inline bootstrap scripts need 'unsafe-inline'; nothing is loaded from other origins.
    value:
      "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  },
];

/** @type {import("next").NextConfig} */
const nextConfig = {
  // PGlite's wasm and data files, and pg, stay outside the server bundle
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "pg", "@prisma/adapter-pg", "exceljs"],
  // a separate build folder lets several builds (e.g. parallel test runs) live side by side
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // a git worktree whose node_modules links to another checkout: Turbopack resolves only inside its root,
  // so point the root at a folder holding both (e.g. NEXT_TURBOPACK_ROOT=/work); unset: the project folder
  ...(process.env.NEXT_TURBOPACK_ROOT ? { turbopack: { root: process.env.NEXT_TURBOPACK_ROOT }, outputFileTracingRoot: process.env.NEXT_TURBOPACK_ROOT } : {}),
  poweredByHeader: false,
  experimental: { authInterrupts: true }, // forbidden() → app/forbidden.tsx
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};
module.exports = nextConfig;
