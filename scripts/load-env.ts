// Scripts read .env like `next start` does, so one file configures both.
import fs from "node:fs";

if (fs.existsSync(".env")) process.loadEnvFile(".env");
