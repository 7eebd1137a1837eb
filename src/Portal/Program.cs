using MarketEdge.Portal.Setup;

var builder = WebApplication.CreateBuilder(args);
builder.AddPortalOptions();
builder.AddPortalDatabases();
builder.AddTenancy();
builder.AddPortalIdentity();
builder.AddSingleSignOn();
builder.AddIndustryPacks();
builder.AddJobs();
builder.AddPortalWeb();

var app = builder.Build();
try
{
    app.RefuseInsecureSettings();
    await app.PrepareCatalogAsync();
}
catch (PortalStartupException problem)
{
    await Console.Error.WriteLineAsync(problem.Message);
    await app.DisposeAsync();
    return 1;
}

app.LoadIndustryPacks();
app.UsePortalPipeline();
await app.RunAsync();
return 0;

/// <summary>Visible to the end-to-end and integration tests (WebApplicationFactory).</summary>
public partial class Program;
