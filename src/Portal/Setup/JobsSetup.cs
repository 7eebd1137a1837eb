using MarketEdge.Portal.Database;
using MarketEdge.Portal.Email;
using MarketEdge.Portal.Provisioning;
using Npgsql;
using Quartz;

namespace MarketEdge.Portal.Setup;

public static class JobsSetup
{
    private const string JobStoreKey = "quartz";

    /// <summary>
    /// Quartz with its store in the catalog database, clustered (several portal processes share the
    /// work; a job of a process that dies is recovered by another, or by itself on restart), its tables
    /// created when missing.
    /// </summary>
    public static void AddJobs(this WebApplicationBuilder builder)
    {
        builder.Services.AddQuartz(quartz =>
        {
            quartz.UsePersistentStore(store =>
            {
                store.UsePostgres(source => source.DataSourceFactory = services => services.GetRequiredKeyedService<NpgsqlDataSource>(JobStoreKey));
                store.UseClustering(cluster =>
                {
                    cluster.CheckinInterval = TimeSpan.FromSeconds(5);
                    cluster.CheckinMisfireThreshold = TimeSpan.FromSeconds(10);
                });
                store.ProvisionSchema();
                store.UseSystemTextJsonSerializer();
            });
            quartz.UseDefaultThreadPool(maxConcurrency: 4);
            quartz.AddJob<UpgradeOrganizationsJob>(job => job.WithIdentity(UpgradeOrganizationsJob.Key).StoreDurably());
            quartz.AddJob<DeliverEmailJob>(job => job.WithIdentity(DeliverEmailJob.Key).StoreDurably());
            quartz.AddTrigger(trigger => trigger.ForJob(DeliverEmailJob.Key).WithIdentity("deliver-email-every-few-seconds")
                .WithSimpleSchedule(schedule => schedule.WithInterval(DeliverEmailJob.Interval).RepeatForever()));
            quartz.AddJob<Usage.RefreshUsageJob>(job => job.WithIdentity(Usage.RefreshUsageJob.Key).StoreDurably());
            quartz.AddTrigger(trigger => trigger.ForJob(Usage.RefreshUsageJob.Key).WithIdentity("refresh-usage-every-few-minutes").StartNow()
                .WithSimpleSchedule(schedule => schedule.WithInterval(Usage.RefreshUsageJob.Interval).RepeatForever()));
        });
        // Registered here so the container disposes it (and its connections) with the app.
        builder.Services.AddKeyedSingleton(JobStoreKey, (services, _) => NpgsqlDataSource.Create(
            new NpgsqlConnectionStringBuilder(services.GetRequiredService<CatalogConnection>().ConnectionString) { MaxPoolSize = 10 }.ConnectionString));
        builder.Services.AddQuartzHostedService(options =>
        {
            options.WaitForJobsToComplete = true;
            options.AwaitApplicationStarted = true; // serve requests first: jobs start a moment later, not the portal
        });
        builder.Services.AddHostedService<UpgradeOnStart>();
        builder.Services.AddOptions<EmailOptions>().BindConfiguration("Email");
        builder.Services.AddScoped<OutboxDelivery>();
        builder.Services.AddScoped<OrganizationProvisioner>();
        builder.Services.AddScoped<OrganizationCreator>();
        builder.Services.AddScoped<OrganizationLifecycle>();
        builder.Services.AddSingleton<ProvisioningJobs>();
        builder.Services.AddScoped<Exports.OrganizationExports>();
        builder.Services.AddScoped<Usage.UsageRefresh>();
    }
}
