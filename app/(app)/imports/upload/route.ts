// Transitional alias of /api/imports/upload (where the browser posts; the sign-in proxy, which truncates
// bodies over 10 MB, does not run under /api/). Kept so build type caches of parallel builds that saw
// this path still resolve; safe to delete after a clean build.
export { POST } from "@/app/api/imports/upload/route";
