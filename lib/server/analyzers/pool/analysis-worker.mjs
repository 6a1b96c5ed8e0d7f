// Entry of an analysis worker thread (see analysis-pool.ts). Plain ESM on purpose: the worker
// is started by path from node_modules' piscina, outside Next's bundle, both under `next start`
// and in tests, so it loads the analyzers' TypeScript sources itself through tsx (a runtime
// dependency already). The pool starts it with --conditions=react-server, which makes
// "server-only" an empty module here as it is in the server bundle.
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { register } from "tsx/esm/api";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");
register({ tsconfig: path.join(root, "tsconfig.json") });

const { runAnalysisJob } = await import(pathToFileURL(path.join(root, "lib/server/analyzers/pool/run-job.ts")).href);

export default runAnalysisJob;
