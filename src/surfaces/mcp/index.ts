export { createMcpServer, mcpHubToolInputSchemas, mcpToolInputSchemas, toToolError } from "./create-mcp-server.js";
export { evidenceNotice } from "./evidence-notice.js";
export { createMcpHttpHandler } from "./mcp-http-handler.js";
