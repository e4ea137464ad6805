namespace Onprest.Agent.Tests.Databases;

/// <summary>The matrix table, types and functions of one engine, created once per test class under a unique name.</summary>
public sealed class TypeMatrixFixture<TTarget> : IAsyncLifetime
    where TTarget : EngineTarget, new()
{
    public TTarget Target { get; } = new();

    public TypeMatrix Matrix => TypeMatrixSuite<TTarget>.MatrixFor(Target.Name);

    public string Table { get; } = $"tm_{Guid.NewGuid():N}"[..14];

    public async ValueTask InitializeAsync()
    {
        await Target.PrepareAsync();
        if (Target.Owner is not null)
        {
            await Target.AdminAsync(Matrix.CreateStatements(Table));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Target.Owner is not null)
        {
            foreach (var statement in Matrix.DropStatements(Table))
            {
                try
                {
                    await Target.AdminAsync([statement]);
                }
                catch (System.Data.Common.DbException)
                {
                    // Cleanup only.
                }
            }
        }

        (Target as IDisposable)?.Dispose();
    }
}
