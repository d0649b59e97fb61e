/** The parts of an OpenAPI 3.1 document the reference page reads. */
export interface OpenApiDocumentLike {
  info: { title: string; version: string; description?: string | undefined };
  paths?: unknown;
  components?: unknown;
}

const methods = ["get", "post", "put", "patch", "delete"] as const;

function escapeHtml(value: string): string {
  return value.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function schemaSummary(schema: unknown): string {
  const object = record(schema);
  if (typeof object.$ref === "string") {
    const name = object.$ref.split("/").at(-1) ?? object.$ref;
    return `<a href="#schema-${escapeHtml(name)}">${escapeHtml(name)}</a>`;
  }
  const type = Array.isArray(object.type) ? object.type.join(" | ") : text(object.type);
  if (type === "array") return `array of ${schemaSummary(object.items)}`;
  if (Array.isArray(object.enum)) return object.enum.map((value) => escapeHtml(JSON.stringify(value))).join(" | ");
  return escapeHtml(type === "" ? "any" : type);
}

function renderOperation(path: string, method: string, operation: Record<string, unknown>): string {
  const parameters = Array.isArray(operation.parameters) ? operation.parameters.map(record) : [];
  const body = record(record(record(operation.requestBody).content)["application/json"]).schema;
  const responses = Object.entries(record(operation.responses));
  const anchor = `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, "-");
  return [
    `<section class="operation" id="${escapeHtml(anchor)}">`,
    `<h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>`,
    text(operation.summary) === "" ? "" : `<p><strong>${escapeHtml(text(operation.summary))}</strong></p>`,
    text(operation.description) === "" ? "" : `<p>${escapeHtml(text(operation.description))}</p>`,
    parameters.length === 0
      ? ""
      : `<table><tr><th>parameter</th><th>in</th><th>type</th><th>required</th><th>description</th></tr>${parameters
          .map(
            (parameter) =>
              `<tr><td><code>${escapeHtml(text(parameter.name))}</code></td><td>${escapeHtml(text(parameter.in))}</td><td>${schemaSummary(
                parameter.schema,
              )}</td><td>${parameter.required === true ? "yes" : "no"}</td><td>${escapeHtml(text(parameter.description))}</td></tr>`,
          )
          .join("")}</table>`,
    body === undefined ? "" : `<p>Request body (JSON): ${schemaSummary(body)}</p>`,
    `<p>Responses: ${responses
      .map(([status, response]) => {
        const schema = record(record(record(response).content)["application/json"]).schema;
        return `<code>${escapeHtml(status)}</code> ${escapeHtml(text(record(response).description))}${schema === undefined ? "" : ` (${schemaSummary(schema)})`}`;
      })
      .join(" · ")}</p>`,
    "</section>",
  ].join("\n");
}

/**
 * Renders a self-contained HTML reference (no scripts, no external assets) from an OpenAPI document.
 *
 * @example
 * const html = renderDocsPage(app.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "Mnemo", version: "1" } }));
 */
export function renderDocsPage(document: OpenApiDocumentLike): string {
  const operations: string[] = [];
  const index: string[] = [];
  for (const [path, item] of Object.entries(record(document.paths))) {
    for (const method of methods) {
      const operation = record(record(item)[method]);
      if (Object.keys(operation).length === 0) continue;
      const anchor = `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, "-");
      index.push(
        `<li><a href="#${escapeHtml(anchor)}"><span class="method ${method}">${method.toUpperCase()}</span> ${escapeHtml(path)}</a></li>`,
      );
      operations.push(renderOperation(path, method, operation));
    }
  }
  const schemas = Object.entries(record(record(document.components).schemas)).map(
    ([name, schema]) =>
      `<section id="schema-${escapeHtml(name)}"><h3>${escapeHtml(name)}</h3><pre>${escapeHtml(JSON.stringify(schema, null, 2))}</pre></section>`,
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(document.info.title)} ${escapeHtml(document.info.version)} — API reference</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
code, pre { font: 13px ui-monospace, monospace; } pre { background: #f6f6f6; padding: .75rem; overflow-x: auto; }
table { border-collapse: collapse; margin: .5rem 0; } td, th { border: 1px solid #ddd; padding: .25rem .5rem; text-align: left; }
.method { display: inline-block; min-width: 4rem; font-weight: 600; } .get { color: #06c; } .post { color: #080; }
.patch, .put { color: #a60; } .delete { color: #c00; } .operation { border-top: 1px solid #eee; padding-top: .5rem; }
ul { list-style: none; padding: 0; }
</style>
</head>
<body>
<h1>${escapeHtml(document.info.title)} <small>${escapeHtml(document.info.version)}</small></h1>
${document.info.description === undefined ? "" : `<p>${escapeHtml(document.info.description)}</p>`}
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI 3.1).</p>
<h2>Routes</h2>
<ul>
${index.join("\n")}
</ul>
${operations.join("\n")}
<h2>Schemas</h2>
${schemas.join("\n")}
</body>
</html>
`;
}
