export { createMcpServer, evidenceNotice, mcpToolInputSchemas, toToolError } from "./create-mcp-server.js";
export { createMcpHttpHandler } from "./mcp-http-handler.js";
