import { Card } from "@/components/ui/Card";

// A plain rendering of the OpenAPI document for people: one card per route group, each operation
// with its role, inputs (as JSON Schema) and answers. The document itself is /api/openapi.json.

type Json = Record<string, unknown>;
interface Operation {
  method: string;
  path: string;
  op: Json;
}

const METHOD_STYLE: Record<string, string> = {
  GET: "bg-sky-600/15 text-sky-700 dark:text-sky-300",
  POST: "bg-emerald-600/15 text-emerald-700 dark:text-emerald-300",
  PUT: "bg-amber-600/15 text-amber-700 dark:text-amber-300",
  DELETE: "bg-red-600/15 text-red-700 dark:text-red-300",
};

function Schema({ schema }: { schema: unknown }) {
  return (
    <pre className="mt-1 max-h-72 overflow-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-950">
      {JSON.stringify(schema, null, 2)}
    </pre>
  );
}

function OperationView({ method, path, op }: Operation) {
  const params = (op.parameters as Json[]) ?? [];
  const body = (op.requestBody as { content: Record<string, { schema: unknown }> } | undefined)?.content;
  const responses = Object.entries(
    op.responses as Record<string, { description: string; content?: Record<string, { schema: unknown }> }>,
  );
  const success = responses.find(([code]) => code.startsWith("2"));
  return (
    <details className="border-t border-slate-200 py-2 dark:border-slate-800" data-testid="api-operation">
      <summary className="flex cursor-pointer flex-wrap items-center gap-3">
        <span
          className={`w-16 rounded px-2 py-0.5 text-center font-mono text-xs font-bold ${METHOD_STYLE[method] ?? ""}`}
        >
          {method}
        </span>
        <code className="font-mono text-sm">{path}</code>
        {op.summary !== `${method} ${path}` && (
          <span className="text-sm text-slate-500">{String(op.summary ?? "")}</span>
        )}
        <span className="ml-auto rounded-full border border-slate-400 px-2 text-xs">
          {String(op["x-edgescope-role"])}
        </span>
      </summary>
      <div className="mt-2 space-y-2 pl-4 text-sm">
        <p className="text-slate-500">{String(op.description ?? "")}</p>
        {params.length > 0 && (
          <table className="text-left">
            <thead className="text-xs text-slate-500">
              <tr>
                <th className="pr-4">Parameter</th>
                <th className="pr-4">In</th>
                <th>Schema</th>
              </tr>
            </thead>
            <tbody>
              {params.map((p) => (
                <tr key={`${p.in}-${p.name}`}>
                  <td className="pr-4 font-mono">
                    {String(p.name)}
                    {p.required ? " *" : ""}
                  </td>
                  <td className="pr-4">{String(p.in)}</td>
                  <td className="font-mono text-xs">{JSON.stringify(p.schema)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {body &&
          Object.entries(body).map(([type, c]) => (
            <div key={type}>
              <span className="font-semibold">Body</span> <code className="text-xs">{type}</code>
              <Schema schema={c.schema} />
            </div>
          ))}
        {success?.[1].content &&
          Object.keys(success[1].content).length > 0 &&
          Object.values(success[1].content)[0]!.schema !== null &&
          JSON.stringify(Object.values(success[1].content)[0]!.schema) !== "{}" && (
            <div>
              <span className="font-semibold">Answer {success[0]}</span>
              <Schema schema={Object.values(success[1].content)[0]!.schema} />
            </div>
          )}
        <p className="text-xs text-slate-500">
          Answers: {responses.map(([code, r]) => `${code} ${r.description}`).join(" · ")}
        </p>
      </div>
    </details>
  );
}

export function ApiReference({ doc }: { doc: Json }) {
  const ops: (Operation & { tag: string })[] = Object.entries(
    doc.paths as Record<string, Record<string, Json>>,
  ).flatMap(([path, methods]) =>
    Object.entries(methods).map(([m, op]) => ({
      method: m.toUpperCase(),
      path,
      op,
      tag: String((op.tags as string[])[0]),
    })),
  );
  const tags = [...new Set(ops.map((o) => o.tag))].sort();
  const info = doc.info as { title: string; version: string; description: string };
  return (
    <div className="space-y-6">
      <h1 className="text-3xl font-bold">API</h1>
      <p className="max-w-3xl text-slate-500">
        {info.description} Scripts authenticate with an API token (<code>Authorization: Bearer …</code>).
        Machine-readable:{" "}
        <a className="text-sky-500 hover:underline" href="/api/openapi.json">
          /api/openapi.json
        </a>{" "}
        (OpenAPI {String(doc.openapi)}, {ops.length} operations).
      </p>
      {tags.map((tag) => (
        <Card key={tag} title={tag}>
          {ops
            .filter((o) => o.tag === tag)
            .map((o) => (
              <OperationView key={`${o.method} ${o.path}`} {...o} />
            ))}
        </Card>
      ))}
    </div>
  );
}
