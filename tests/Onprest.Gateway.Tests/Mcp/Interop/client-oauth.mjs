// The official MCP TypeScript SDK client completing the MCP authorization flow against a gateway in OAuth mode:
// a 401 challenge, protected resource metadata, issuer discovery, a client-credentials token for the resource,
// then tools/list and tools/call with that bearer token. Prints one JSON summary line.
// Usage: node client-oauth.mjs <mcp-url> <issuer-url> <client-id> <client-secret> <scope>
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { ClientCredentialsProvider } from "@modelcontextprotocol/sdk/client/auth-extensions.js";

const [url, issuer, clientId, clientSecret, scope] = process.argv.slice(2);
const provider = new ClientCredentialsProvider({ clientId, clientSecret, scope, expectedIssuer: issuer });
const transport = new StreamableHTTPClientTransport(new URL(url), { authProvider: provider });
const client = new Client({ name: "onprest-oauth-interop", version: "1.0.0" });
await client.connect(transport);
const listed = await client.listTools();
const success = await client.callTool({ name: "get_customer", arguments: { customer_id: 7 } });
let denied = null;
try {
  await client.callTool({ name: "update_email", arguments: {} });
} catch (error) {
  denied = { name: error.constructor?.name ?? null, message: String(error.message) };
}
console.log(JSON.stringify({
  tools: listed.tools.map((t) => t.name),
  success,
  denied,
  tokenType: provider.tokens()?.token_type ?? null,
}));
await client.close();
