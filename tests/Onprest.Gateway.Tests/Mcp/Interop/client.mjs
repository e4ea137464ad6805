// Drives the official MCP TypeScript SDK client against a running gateway and prints one JSON summary line.
// Usage: node client.mjs <mcp-url> <api-key> [<get_customer arguments as JSON>]
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [url, apiKey, customerArguments] = process.argv.slice(2);
const transport = new StreamableHTTPClientTransport(new URL(url), {
  requestInit: { headers: { Authorization: `Bearer ${apiKey}` } },
});
const client = new Client({ name: "onprest-interop", version: "1.0.0" });
await client.connect(transport);
const listed = await client.listTools();
const success = await client.callTool({ name: "get_customer", arguments: customerArguments ? JSON.parse(customerArguments) : { customer_id: 7 } });
const failure = await client.callTool({ name: "update_email", arguments: {} });
let undefinedTool = null;
try {
  await client.callTool({ name: "no_such_tool", arguments: {} });
} catch (error) {
  undefinedTool = { code: error.code ?? null, message: String(error.message) };
}
await client.ping();
console.log(JSON.stringify({
  protocolVersion: transport.protocolVersion ?? null,
  server: client.getServerVersion(),
  tools: listed.tools.map((t) => t.name),
  success,
  failure,
  undefinedTool,
}));
await client.close();
