namespace Onprest.EndToEnd.Tests.Infrastructure;

/// <summary>The capability file the end-to-end systems run with (same capabilities on every engine).</summary>
internal static class TestCapabilities
{
    public static string Yaml(string gatewayUrl, string agentPrivateKey, DatabaseTarget database, string configFolder, int maxConcurrentRequests) => $"""
        service:
          title: Onprest end-to-end
          version: 1.0.0
        runtime:
          max_concurrent_requests: {maxConcurrentRequests}
        gateway:
          url: {gatewayUrl}
          agent_private_key: {agentPrivateKey}
        database:
        {database.DatabaseSection(configFolder)}
        logging:
          max_size: 1MB
          max_files: 2
        defaults:
          timeout: 20s
        capabilities:
          get_customer:
            description: One customer by id.
            sql: select id, name, email from e2e_customers where id = :id
            params:
              id: {"{"}type: integer, required: true, minimum: 1{"}"}
            policy: {"{"}max_rows: 1{"}"}
            result:
              id: {"{"}type: integer{"}"}
              name: {"{"}type: string{"}"}
              email: {"{"}type: string{"}"}
          list_customers:
            sql: select id, name from e2e_customers order by id
            result:
              id: {"{"}type: integer{"}"}
              name: {"{"}type: string{"}"}
          update_email:
            sql: update e2e_customers set email = :email where id = :id
            params:
              id: {"{"}type: integer, required: true, minimum: 1{"}"}
              email: {"{"}type: string, required: true, format: email{"}"}
            policy: {"{"}readonly: false, max_affected_rows: 1{"}"}
          rename_all:
            sql: update e2e_customers set name = :name
            params:
              name: {"{"}type: string, required: true{"}"}
            policy: {"{"}readonly: false, max_affected_rows: 1{"}"}
          slow_count:
            sql: {database.SlowSelect}
            result:
              n: {"{"}type: integer{"}"}
          slow_count_short:
            sql: {database.SlowSelect}
            policy: {"{"}timeout: 300ms{"}"}
            result:
              n: {"{"}type: integer{"}"}
          internal_report:
            sql: select count(*) as n from e2e_customers
            policy: {"{"}expose_in_openapi: false{"}"}
            result:
              n: {"{"}type: integer{"}"}
        """;
}
