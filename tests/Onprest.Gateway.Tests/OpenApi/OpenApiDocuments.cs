using System.Text;

namespace Onprest.Gateway.Tests.OpenApi;

/// <summary>An agent document shaped like docs/api.md with two visible capabilities.</summary>
internal static class OpenApiDocuments
{
    public const string Agent = """
        {"openapi":"3.1.0","info":{"title":"Shop","version":"1.0.0","description":"é"},
         "paths":{
          "/api/v1/capabilities/get_customer":{"post":{"summary":"get_customer","description":"Find a customer",
            "x-onprest-capability":"get_customer",
            "requestBody":{"required":true,"content":{"application/json":{"schema":{"type":"object","properties":{"customer_id":{"type":"integer","format":"int64","maximum":9223372036854775807,"default":9007199254740993}},"additionalProperties":false,"required":["customer_id"]}}}},
            "responses":{"200":{"description":"Capability result","content":{"application/json":{"schema":{"type":"object","properties":{"rows":{"type":"array","items":{"type":"object","properties":{"id":{"type":["integer","null"],"format":"int64"},"name":{"type":["string","null"]}},"additionalProperties":false,"required":["id","name"]}},"count":{"type":"integer","format":"int64","minimum":0}},"required":["rows","count"],"additionalProperties":false}}}}},
            "x-onprest-annotations":{"read_only":true,"destructive":false,"idempotent":true,"open_world":"not-a-bool"},
            "x-onprest-examples":[{"params":{"customer_id":7}}]}},
          "/api/v1/capabilities/update_email":{"post":{"summary":"update_email","description":"",
            "x-onprest-capability":"update_email",
            "requestBody":{"required":true,"content":{"application/json":{"schema":{"type":"object","properties":{},"additionalProperties":false}}}},
            "responses":{"200":{"description":"Capability result","content":{"application/json":{"schema":{"type":"object","properties":{"count":{"type":"integer","format":"int64","minimum":0}},"required":["count"],"additionalProperties":false}}}}}}}
         },
         "servers":[{"url":"https://agent-invented.example"}],
         "security":[{"nothing":[]}],
         "components":{"schemas":{"Kept":{"type":"string"}},"securitySchemes":{"evil":{"type":"http","scheme":"basic"}}}}
        """;

    public static byte[] AgentBytes => Encoding.UTF8.GetBytes(Agent);
}
