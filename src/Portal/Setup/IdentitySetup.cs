using System.Threading.RateLimiting;
using MarketEdge.Portal.Catalog;
using MarketEdge.Portal.Identity;
using MarketEdge.Portal.Identity.Bulk;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace MarketEdge.Portal.Setup;

public static class IdentitySetup
{
    /// <summary>Local accounts in the catalog, a host-only cookie, server-side sessions, the sign-in throttle, and the portal's authorization policies.</summary>
    public static void AddPortalIdentity(this WebApplicationBuilder builder)
    {
        builder.Services.AddIdentity<PortalUser, IdentityRole<Guid>>(options =>
            {
                // Length over complexity: a long passphrase beats a short jumble of symbols.
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 4;
                // No hard lockout: anyone could keep an owner out by failing on purpose. SignInThrottle slows guessing instead.
                options.Lockout.AllowedForNewUsers = false;
                options.User.RequireUniqueEmail = true;
                options.User.AllowedUserNameCharacters = ""; // the user name is the email, already checked by MailboxAddress
            })
            .AddEntityFrameworkStores<CatalogDbContext>()
            .AddDefaultTokenProviders();

        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Cookie.Name = ProxySetup.AuthCookie; // "__Host-" prefixed when the portal is served over https
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.LoginPath = "/account/login";
            cookie.LogoutPath = "/account/logout";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            // Signed in but not allowed: answer 403 where the request was made, shown by the error page.
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            cookie.Events.OnValidatePrincipal = SessionScope.ValidateAsync;
            var redirectToLogin = cookie.Events.OnRedirectToLogin;
            cookie.Events.OnRedirectToLogin = context =>
            {
                if (SessionScope.WasRefused(context.HttpContext))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                }

                return redirectToLogin(context);
            };
        });
        // "Remember this browser" at the second step lasts 30 days (and ends sooner with "sign out everywhere").
        builder.Services.Configure<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, remember =>
        {
            remember.ExpireTimeSpan = TimeSpan.FromDays(30);
            remember.Cookie.HttpOnly = true;
            remember.Cookie.SameSite = SameSiteMode.Lax;
        });
        builder.Services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            o.OnRefreshingPrincipal = SessionScope.KeepOnRefreshAsync;
        });

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AuthorizationPolicies.SuperAdmin, policy => policy.RequireRole(PortalRoles.SuperAdmin))
            .AddPolicy(AuthorizationPolicies.OrganizationMember, policy => policy
                .RequireAuthenticatedUser()
                .AddRequirements(new OrganizationMemberRequirement()));
        builder.Services.AddScoped<IAuthorizationHandler, OrganizationMemberHandler>();
        builder.Services.AddOptions<SignInLimitOptions>().BindConfiguration("Identity").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(SignInLimitOptions.RateLimitPolicy, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ =>
                    new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = context.RequestServices.GetRequiredService<IOptions<SignInLimitOptions>>().Value.SignInAttemptsPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                    })
                : RateLimitPartition.GetNoLimiter("page views"));
            limiter.AddPolicy(SignInLimitOptions.InvitationRateLimitPolicy, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(context.User.UserId()?.ToString() ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ =>
                    new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = context.RequestServices.GetRequiredService<IOptions<SignInLimitOptions>>().Value.InvitationChangesPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                    })
                : RateLimitPartition.GetNoLimiter("page views"));
        });
        builder.Services.AddSingleton<SetupState>();
        builder.Services.AddSingleton<SetupCode>();
        builder.Services.AddScoped<SuperAdminAccounts>();
        builder.Services.AddOptions<InvitationOptions>().BindConfiguration("Invitations").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<Invitations>();
        builder.Services.AddScoped<InvitationBatches>();
        builder.Services.AddScoped<OrganizationSwitcher>();
        builder.Services.AddScoped<MemberRoles>();
        builder.Services.AddScoped<MemberManagement>();
        builder.Services.AddScoped<OrganizationPeople>();
        builder.Services.AddScoped<Identity.Domains.OrganizationDomains>();
        builder.Services.AddScoped<Identity.Domains.Joining>();
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddScoped<Sessions>();
        builder.Services.AddSingleton<RecentActivity>();
        builder.Services.AddHostedService(services => services.GetRequiredService<RecentActivity>());
        builder.Services.AddScoped<PortalSignIn>();
        builder.Services.AddScoped<Identity.Support.SupportAccess>();
        builder.Services.AddOptions<Identity.TwoFactor.TwoFactorOptions>().BindConfiguration("Identity");
        builder.Services.AddScoped<Identity.TwoFactor.SecondFactor>();
        builder.Services.AddSingleton<StandInPasswordHash>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<OrganizationLinks>();
        builder.Services.AddSingleton(TimeProvider.System);
    }
}
